namespace Livepeer.Plugins.HttpPush;

/// <summary>One rendition in a <c>multipart/mixed</c> push response (reference §9.3).</summary>
/// <param name="Rendition">The <c>Rendition-Name</c> header, and the file name's prefix.</param>
/// <param name="FileName">The <c>Content-Disposition</c> file name, <c>&lt;profile&gt;_&lt;seq&gt;&lt;ext&gt;</c>.</param>
/// <param name="ContentType">The part's type: <c>video/mp2t</c> (or <c>video/mp4</c>).</param>
/// <param name="Data">The rendition's segment.</param>
internal sealed record MultipartPart(string Rendition, string FileName, string ContentType, ReadOnlyMemory<byte> Data);
