using System.Diagnostics;

namespace Livepeer.Samples.TintWorker;

/// <summary>
/// Re-encodes one MPEG-TS segment through ffmpeg with the chroma planes set (<c>lutyuv</c>), libx264
/// ultrafast/zerolatency. Timestamps are kept (<c>-copyts</c>) so consecutive segments play as one stream, and
/// each output segment starts on a keyframe as its keyframe-aligned input did; audio is copied.
/// </summary>
internal static class SegmentTinter
{
    /// <summary>Largest segment read or produced (trickle segments are a few hundred KiB).</summary>
    public const int MaxSegmentBytes = 32 << 20;

    public static async Task<byte[]> TintAsync(byte[] segment, TintParams tint, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "-hide_banner", "-loglevel", "error", "-nostdin",
            "-f", "mpegts", "-i", "pipe:0",
            "-map", "0:v:0?", "-map", "0:a?",
            "-vf", tint.Filter,
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-bf", "0", "-pix_fmt", "yuv420p",
            "-c:a", "copy",
            "-copyts", "-muxdelay", "0", "-muxpreload", "0",
            "-f", "mpegts", "pipe:1"])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        try
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = ReadAllAsync(process.StandardOutput.BaseStream, cancellationToken);
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // ffmpeg quit early; its stderr says why.
            }
            finally
            {
                process.StandardInput.Close();
            }

            var result = await output.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidDataException("ffmpeg failed: " + (await errors.ConfigureAwait(false)).Trim());
            }

            return result;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxSegmentBytes)
            {
                throw new InvalidDataException("ffmpeg output is too large");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
