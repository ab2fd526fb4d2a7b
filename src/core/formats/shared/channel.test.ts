import { describe, expect, it } from 'vitest';
import { numberFromDialData, trunkFromChannel, trunkFromDialData } from './channel';

describe('Asterisk channel names → trunk', () => {
  it.each([
    ['SIP/sipus1-00000016', 'sipus1'],
    ['PJSIP/trunk-endpoint-00000004', 'trunk-endpoint'],
    ['IAX2/216.207.245.8:4569-2739', '216.207.245.8:4569'],
    ['SIP/172.19.45.122:5020-00000001', '172.19.45.122:5020'],
    ['Local/ch2@TimeDelay-00000001;2', null],
    ['SIP/113-000000c5', null], // a phone extension, not a trunk
    ['DAHDI/i1/5551234-1a', null],
    ['Console/dsp', null],
    ['', null],
  ])('%s → %s', (channel, trunk) => {
    expect(trunkFromChannel(channel)).toBe(trunk);
  });

  it.each([
    ['PJSIP/18005551212@carrierA,60,tT', 'carrierA'],
    ['SIP/12489398620@sipus1', 'sipus1'],
    ['SIP/sipus1/12489398620', 'sipus1'],
    ['SIP/113,60,rI', null],
    ['PJSIP/1128/sip:1128@182.72.240.250:5062', null],
    ['PJSIP/12485261900@VIOrig,,XL(81520000:60000:15000)b(gosub-predial^s^1)', 'VIOrig'],
  ])('Dial(%s) → %s', (data, trunk) => {
    expect(trunkFromDialData(data)).toBe(trunk);
  });

  it('reads the dialled number from Dial() data', () => {
    expect(numberFromDialData('PJSIP/18005551212@carrierA,60')).toBe('18005551212');
    expect(numberFromDialData('SIP/sipus1/12489398620')).toBe('12489398620');
    expect(numberFromDialData('SIP/113,60')).toBeNull();
  });
});
