import { describe, expect, it } from 'vitest';
import { dialledBeforePhone, vicidialTrunk } from './trunk';

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
