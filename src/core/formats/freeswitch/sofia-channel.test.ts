import { describe, expect, it } from 'vitest';
import { trunkFromSofia, trunkFromSofiaTarget } from './sofia-channel';

describe('Sofia channel names and dial strings → trunk', () => {
  it('gateway legs name the gateway', () => {
    expect(trunkFromSofiaTarget('sofia/gateway/carrierA/15551230001')).toBe('carrierA');
    expect(trunkFromSofia('{ignore_early_media=true,originate_timeout=30}sofia/gateway/telnyx/+15551230001')).toBe('telnyx');
    expect(trunkFromSofia('[leg_timeout=20]sofia/gateway/a/1|sofia/gateway/b/1')).toBe('a');
  });

  it('other profiles give the host (or the profile when no host is written)', () => {
    expect(trunkFromSofiaTarget('sofia/external/15069488567@223.109.89.196')).toBe('223.109.89.196');
    expect(trunkFromSofiaTarget('sofia/external/sip:15551230004@sip.carrier-c.example:5060')).toBe('sip.carrier-c.example:5060');
    expect(trunkFromSofiaTarget('sofia/external/18688886669')).toBe('external');
  });

  it('registered phones and non-SIP targets are not trunks', () => {
    expect(trunkFromSofia('sofia/internal/1001@10.0.0.5')).toBeNull();
    expect(trunkFromSofia('sofia/internal-ipv6/1001@[::1]')).toBeNull();
    expect(trunkFromSofia('user/1001@pbx.example')).toBeNull();
    expect(trunkFromSofia('loopback/1001/default')).toBeNull();
    expect(trunkFromSofia('')).toBeNull();
    expect(trunkFromSofia('error/user_busy')).toBeNull();
  });
});
