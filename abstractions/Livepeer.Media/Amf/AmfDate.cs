namespace Livepeer.Media.Amf;

/// <summary>An AMF0 date (AMF0 spec §2.13): milliseconds since 1970-01-01 UTC and a time-zone field that should be 0.</summary>
/// <param name="Milliseconds">Milliseconds since the Unix epoch, UTC.</param>
/// <param name="TimeZone">The reserved time-zone field (minutes), kept for round trips.</param>
public readonly record struct AmfDate(double Milliseconds, short TimeZone = 0);
