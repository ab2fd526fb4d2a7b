/**
 * The reason dictionary against phrases as carriers publish them (each line names where it is
 * documented) and against the codes' own names, which must name nothing.
 */
import { describe, expect, it } from 'vitest';
import { REASON_PHRASES, reasonCause } from './reasons';

describe('reasonCause', () => {
  it.each([
    // Flowroute, from the dSIPRouter acc dump (../shared/samples/kamailio_acc).
    [403, 'Insufficient funds remaining - support@flowroute.com', 'out-of-funds'],
    [403, 'Invalid Caller ID', 'caller-id-blocked'],
    [403, 'International Calling Disabled - support@flowroute.com', 'no-route'],
    [403, 'Tech Prefix and IP not in ACL - support@flowroute.com', 'auth-or-disabled-trunk'],
    // Telnyx D codes (developers.telnyx.com, SIP response codes; caller ID policy).
    [403, 'User channel limit exceeded D1', 'channel-cap'],
    [403, 'Caller Origination Number is Invalid D35', 'caller-id-blocked'],
    [403, 'Destination Number 4420 is not allowed for service plan basic D12', 'no-route'],
    [404, 'Account blocked (billing) D19', 'out-of-funds'],
    // Telnyx, support.telnyx.com "Telnyx SIP Response Codes" (phrases as the article writes them).
    [403, 'International daily spent limit reached D39', 'out-of-funds'],
    [486, 'User Busy D5', 'channel-cap'],
    [403, 'Channel limit exceeded D22', 'channel-cap'],
    [503, 'CPS Limit Reached P05', 'cps-limit'],
    [403, 'Maximum destination rate limit exceeded D24', 'no-route'],
    [403, 'Dialed number is not from whitelisted countries D13', 'no-route'],
    [503, 'No Routes Found PE2', 'no-route'],
    [403, 'No Rates Found TM1', 'no-route'],
    [403, 'Forbidden D41', 'destination-blocked'],
    [403, 'Restricted destination number D58', 'destination-blocked'],
    [403, 'Originating number listed in do-not-originate registry D46', 'caller-id-blocked'],
    [403, 'The originator number is invalid D49', 'caller-id-blocked'],
    [403, 'Unverified origination number D51', 'caller-id-blocked'],
    [403, 'Restricted origination number D54', 'caller-id-blocked'],
    [403, 'Forbidden D36', 'caller-id-blocked'],
    [403, 'Outbound Profile is disabled D15', 'auth-or-disabled-trunk'],
    [403, 'Connection has no Outbound Profile assigned D7', 'auth-or-disabled-trunk'],
    [403, 'Unable to locate an account/number using IP 198.51.100.7 and username dialer D25', 'auth-or-disabled-trunk'],
    // Commio: the same leaf whatever the code.
    [503, 'Funds Required', 'out-of-funds'],
    [503, 'Channel Limit Reached', 'channel-cap'],
    [503, 'Route Not Available', 'no-route'],
    // Limits sent with the codes of other things.
    [480, 'CPS Limit Exceeded', 'cps-limit'],
    [486, 'Calls per second limit', 'cps-limit'],
    [500, 'Call rate limit exceeded', 'cps-limit'],
    // Twilio 32204, Vonage, Jola.
    [403, "'From' phone number not verified", 'caller-id-blocked'],
    [403, 'Caller ID not allowed', 'caller-id-blocked'],
    [603, 'MaxPeak Cost Exceeded', 'no-route'],
    // The codes of 2026: meaning by the code alone.
    [402, 'Payment Required', 'out-of-funds'],
    [607, 'Unwanted', 'caller-id-blocked'],
    [608, 'Rejected', 'caller-id-blocked'],
    [603, 'Network Blocked', 'caller-id-blocked'],
    [438, 'Invalid Identity Header', 'caller-id-blocked'],
    // Telnyx D9: one international number called again within 60 s, not calls per second.
    [403, 'International destination rate limit reached D9', 'destination-blocked'],
    // "calling" names a caller ID only as "calling number/party": international calling is a route.
    [403, 'International Calling Blocked', 'no-route'],
    [403, 'Calling number blocked', 'caller-id-blocked'],
    [403, 'Calling party not allowed', 'caller-id-blocked'],
  ] as const)('%i %s → %s', (code, phrase, cause) => {
    expect(reasonCause(code, phrase)).toBe(cause);
  });

  it.each([
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [407, 'Proxy Authentication Required'],
    [503, 'Service Unavailable'],
    [603, 'Decline'],
    [487, 'Request Terminated'],
    [480, 'Temporarily Unavailable'],
    [200, 'OK'],
    // A phrase on an answer or a cancel is not a refusal.
    [200, 'Insufficient funds'],
    [487, 'International'],
    [403, ''],
    // 428 asks for a STIR/SHAKEN signature the call did not carry: no caller ID is judged (RFC 8224).
    [428, 'Use Identity Header'],
    // Q.850 cause 52's text: sent for a missing tariff, a channel limit or a disabled account too (Kazoo).
    [403, 'Outgoing call barred'],
    // Telnyx: an invalid number (D11, D14) and caller ID = destination (D53) name no leaf.
    [403, 'Destination Number 15551230000 is invalid D11'],
    [404, 'Dialed number is not valid D14'],
    [403, 'Forbidden D53 origin same as destination number'],
  ] as const)('%i "%s" names nothing', (code, phrase) => {
    expect(reasonCause(code, phrase)).toBeNull();
  });

  it("every entry's own example names its own cause", () => {
    for (const entry of REASON_PHRASES) expect(reasonCause(entry.codes?.[0] ?? 403, entry.example), entry.example).toBe(entry.cause);
  });
});
