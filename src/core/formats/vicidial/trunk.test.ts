import { describe, expect, it } from 'vitest';
import { dialledBeforePhone, dialledCall } from './trunk';

const vicidialTrunk = (channel: string, phone: string) => dialledCall(channel, phone).trunk;
const destinationWithCountryCode = (channel: string, phone: string, phoneCode?: string) => dialledCall(channel, phone, undefined, phoneCode).destination;

describe('vicidialTrunk', () => {
  it('Local channel: what was dialled before the phone number', () => {
    expect(vicidialTrunk('Local/913125551212@default-0000abcd;2', '3125551212')).toBe('prefix 91');
    expect(vicidialTrunk('Local/913125551212@default', '3125551212')).toBe('prefix 91');
    expect(vicidialTrunk('Local/8442079460018@my-ctx-00000a01;2', '2079460018')).toBe('prefix 844');
  });

  it('phone unknown, not in the channel, or nothing before it → Local/<context>', () => {
    expect(vicidialTrunk('Local/913125551212@default-0000abcd;2', '')).toBe('Local/default');
    expect(vicidialTrunk('Local/913125551212@default-0000abcd;2', '7735550100')).toBe('Local/default');
    expect(vicidialTrunk('Local/3125551212@outbound-0000abcd;2', '3125551212')).toBe('Local/outbound');
  });

  it('masked phone numbers (admin_hide_phone_data) still split by length', () => {
    expect(dialledBeforePhone('913125551212', 'XXXXXX1212')).toBe('91');
    expect(dialledBeforePhone('913125551212', 'XXXXXX9999')).toBe('');
  });

  it('peer channels name the trunk; extensions and empty channels do not', () => {
    expect(vicidialTrunk('SIP/northtel-0000a41f', '2125550199')).toBe('northtel');
    expect(vicidialTrunk('PJSIP/telco-east-0000001c', '')).toBe('telco-east');
    expect(vicidialTrunk('IAX2/ourcarrier-1234', '')).toBe('ourcarrier');
    expect(vicidialTrunk('DAHDI/i1/3125551212-1a', '3125551212')).toBe('DAHDI/i1');
    expect(vicidialTrunk('SIP/1001-0000000a', '')).toBeNull();
    expect(vicidialTrunk('', '')).toBeNull();
  });
});

describe('dialledCall with the dial log’s channel (Export Calls Report)', () => {
  it('takes the trunk from the channel, else from the dial log’s channel; the destination from the dial log’s channel', () => {
    expect(dialledCall('SIP/northtel-0000a41f', '3125551212', 'Local/913125551212@default')).toEqual({ trunk: 'northtel', destination: '13125551212' });
    expect(dialledCall('', '3125551212', 'Local/913125551212@default')).toEqual({ trunk: 'prefix 91', destination: '13125551212' });
    expect(dialledCall('Local/8443125551212@default-0000abcd;2', '3125551212', 'SIP/northtel-0000a41f')).toEqual({ trunk: 'prefix 844', destination: '3125551212' });
    expect(dialledCall('', '3125551212', '')).toEqual({ trunk: null, destination: '3125551212' });
  });

  it('reads the prefix the same way for the trunk and the destination: a number written `++…` is not found in the channel by either', () => {
    expect(dialledCall('Local/913125551212@default', '++3125551212')).toEqual({ trunk: 'Local/default', destination: '+3125551212' });
    expect(dialledCall('Local/913125551212@default', '+3125551212')).toEqual({ trunk: 'prefix 91', destination: '13125551212' });
  });
});

describe('trunk names of many leads', () => {
  it('a new dial prefix on every row is named right past the names it remembers', () => {
    // 6,000 distinct leads 1000…6999 in front of one number: more than the 4,096 names kept.
    for (let lead = 1000; lead < 7000; lead++) {
      expect(vicidialTrunk(`Local/${lead}3125551212@default-0000abcd;2`, '3125551212')).toBe(`prefix ${lead}`);
    }
    expect(vicidialTrunk('Local/913125551212@ctx7-0000abcd;2', '')).toBe('Local/ctx7');
  });
});

describe('a phone number longer than VICIdial stores (phone_number VARCHAR(18))', () => {
  it('is no lead’s number: 18 digits are searched for in the exten, 19 are not', () => {
    const n18 = '312555121212345678';
    expect(dialledCall(`Local/9${n18}@ctx`, n18).trunk).toBe('prefix 9');
    expect(dialledCall(`Local/9${n18}0@ctx`, `${n18}0`)).toEqual({ trunk: 'Local/ctx', destination: `${n18}0` });
  });

  it('so a hostile row (a 1 MB exten, a 500 KB phone) is not searched exten × number', () => {
    const phone = `${'1'.repeat(500_000)}2`;
    expect(dialledCall(`Local/${'1'.repeat(1_000_000)}@ctx`, phone).trunk).toBe('Local/ctx');
  });
});

describe('destinationWithCountryCode', () => {
  it('adds the country code dialled between the carrier prefix and the number', () => {
    expect(destinationWithCountryCode('Local/913125551212@default-0000abcd;2', '3125551212')).toBe('13125551212');
    expect(destinationWithCountryCode('Local/9442079460018@default-0000abcd;2', '2079460018')).toBe('442079460018');
    // Carrier prefix 77, Philippines 63: the lead 7763 ends in the country code 63.
    expect(destinationWithCountryCode('Local/77639171234567@default', '9171234567')).toBe('639171234567');
  });
  it('reads one lead the same way for every number after it: 1 before a NANP-shaped number, else the code ending the lead', () => {
    // Lead 961: carrier 9 + 61 (Australia) for a number that is not NANP-shaped, carrier 96 + 1 for one that is.
    expect(destinationWithCountryCode('Local/961412345678@default', '412345678')).toBe('61412345678');
    expect(destinationWithCountryCode('Local/9613125551212@default', '3125551212')).toBe('13125551212');
    expect(destinationWithCountryCode('Local/961412345678@default', '412345678')).toBe('61412345678');
    // Lead 80: no country code ends it (0 is none, 80 is not assigned): the number as written.
    expect(destinationWithCountryCode('Local/803125551212@default', '3125551212')).toBe('3125551212');
    expect(destinationWithCountryCode('Local/80412345678@default', '412345678')).toBe('412345678');
  });
  it('uses a stated phone code, and keeps the number as written when nothing tells', () => {
    expect(destinationWithCountryCode('Local/8443125551212@default', '3125551212', '44')).toBe('443125551212');
    expect(destinationWithCountryCode('SIP/northtel-0000002a', '2125550199')).toBe('2125550199');
    expect(destinationWithCountryCode('Local/3125551212@default', '3125551212')).toBe('3125551212');
  });
});
