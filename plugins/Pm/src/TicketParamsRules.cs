using System.Globalization;
using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// The gateway's checks of an orchestrator's ticket params before it writes <c>n</c> tickets against them
/// (go-livepeer <c>sender.validateTicketParams</c>, reference §4.5), in upstream's order and words.
/// </summary>
internal static class TicketParamsRules
{
    /// <summary>Returns the reason to refuse, or null when <paramref name="count"/> tickets may be written.</summary>
    public static string? Validate(TicketParams ticketParams, int count, PmOptions options, SenderFunds funds, ChainState chain)
    {
        if (!Tickets.IsUInt256(ticketParams.FaceValue) || !Tickets.IsUInt256(ticketParams.WinProbability) ||
            !Tickets.IsUInt256(ticketParams.ExpirationBlock) || !Tickets.IsUInt256(ticketParams.Seed))
        {
            return "invalid ticket params: an integer is not a uint256";
        }

        // Upstream skips every check for expiration block 0 (params from before expiration existed); such params
        // can only be stale, so they are refused as expired here.
        if (ticketParams.ExpirationBlock.IsZero || ticketParams.ExpirationBlock - chain.LastSeenBlock <= Tickets.ParamsExpiryBuffer)
        {
            return PmPaymentReceiver.ParamsExpired;
        }

        var ev = ticketParams.ExpectedValue;
        if (ev.Sign <= 0)
        {
            return null; // free: no ticket is worth anything, nothing to risk
        }

        if (ev >= ticketParams.FaceValue)
        {
            return $"ticket faceValue too low faceValue={ticketParams.FaceValue}";
        }

        if (ev > options.MaxTicketEV)
        {
            return $"ticket EV {Fixed5(ev)} > max ticket EV {Fixed5(options.MaxTicketEV)}";
        }

        if (funds.WithdrawRound != 0 && funds.WithdrawRound <= chain.LastInitializedRound + 1)
        {
            return "deposit and reserve is set to unlock soon";
        }

        if (funds.ReserveFundsRemaining.IsZero)
        {
            return "no sender reserve";
        }

        if (funds.Deposit.IsZero)
        {
            return "no sender deposit";
        }

        var total = ev * count;
        if (total > options.MaxTotalEV)
        {
            return $"total ticket EV {Fixed5(total)} for {count} tickets > max total ticket EV {Fixed5(options.MaxTotalEV)}";
        }

        var maxFaceValue = BigInteger.Divide(funds.Deposit, options.DepositMultiplier);
        if (ticketParams.FaceValue > maxFaceValue)
        {
            return $"ticket faceValue {ticketParams.FaceValue} > max faceValue {maxFaceValue}";
        }

        // Not upstream's sender (there -maxFaceValue is the orchestrator's cap): a gateway may cap face values too.
        if (options.MaxFaceValue.Sign > 0 && ticketParams.FaceValue > options.MaxFaceValue)
        {
            return $"ticket faceValue {ticketParams.FaceValue} > max faceValue {options.MaxFaceValue}";
        }

        return null;
    }

    /// <summary>go's <c>big.Rat.FloatString(5)</c>: rounded half away from zero to 5 decimals.</summary>
    public static string Fixed5(Rational value)
    {
        var scaled = value * 100_000;
        var rounded = scaled.Sign >= 0 ? (scaled + new Rational(1, 2)).Floor() : -((-scaled + new Rational(1, 2)).Floor());
        var negative = rounded.Sign < 0;
        var digits = BigInteger.Abs(rounded).ToString(CultureInfo.InvariantCulture).PadLeft(6, '0');
        return (negative ? "-" : "") + digits[..^5] + "." + digits[^5..];
    }
}
