using Microsoft.AspNetCore.Http.Features;

namespace Livepeer.Host.Admin;

/// <summary>
/// Reads the CLI API's form-encoded parameters the way go-livepeer's <c>mustHaveFormParams</c> answers:
/// <c>400 missing form param: X</c>; a body that is not a valid form is a 400 too, never a 500.
/// </summary>
internal static class FormParameters
{
    private static readonly FormOptions Limits = new() { ValueCountLimit = 64, KeyLengthLimit = 256, ValueLengthLimit = 64 * 1024 };

    /// <summary>The values of <paramref name="names"/>, or the 400 result to return.</summary>
    public static async Task<(IReadOnlyDictionary<string, string>? Values, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken, params string[] names)
    {
        IFormCollection form = FormCollection.Empty;
        if (request.HasFormContentType)
        {
            try
            {
                request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, Limits));
                form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or InvalidOperationException)
            {
                return (null, Results.Text("invalid form body: " + e.Message, statusCode: StatusCodes.Status400BadRequest));
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var value = form[name].ToString();
            if (value.Length == 0)
            {
                return (null, Results.Text($"missing form param: {name}", statusCode: StatusCodes.Status400BadRequest));
            }

            values[name] = value;
        }

        return (values, null);
    }
}
