import { describe, expect, it } from 'vitest';
import { handCpsDiagnosis, handFinding } from './test-specs';
import type { TrunkDiagnosis } from './types';
import { TICKET_NOT_IN_LINK, walkViewOf, withheldTicketNote } from './walk-view';

/** A CPS-limited trunk by hand, with a weak plateau at 30 channels beside it. */
const d: TrunkDiagnosis = handCpsDiagnosis({ findings: [handFinding('channel-cap', { plateau: 30 }, 'A weak plateau at 30.')] });

describe('walkViewOf', () => {
  it('draws the verdict, the period and the ticket under the shown name', () => {
    const v = walkViewOf(d, 'Carrier B', {});
    expect(v).toMatchObject({ name: 'Carrier B', verdict: 'cps-limit', confidence: 'high', attempts: 100, summary: '503s start at 4 CPS.' });
    expect(v.walk.leaf.id).toBe('cps-limit');
    expect(v.ticket?.split('\n')[0]).toBe('Trunk Carrier B: We see 503 Service Unavailable only in seconds where we start more than 3 calls per second on this trunk. What CPS limit is configured on our account?');
    expect(v.ticket).toContain('In it, 100 attempts on this trunk; rejected with 503: 20 % (20 of 100).');
  });

  it('the ticket follows the leaf the operator walks to, and there is none where nothing is asked of the carrier', () => {
    const channels = walkViewOf(d, 'Carrier B', { capacity: 1 });
    expect(channels.walk.leaf.id).toBe('channel-cap');
    expect(channels.ticket).toContain('30');
    expect(channels.ticket).not.toContain('calls per second');
    // The verdict stays the data's: the header shows what the file says, the walk what the operator chose.
    expect(channels.verdict).toBe('cps-limit');
    const healthy = walkViewOf(d, 'Carrier B', { start: 0 });
    expect(healthy.walk.leaf.id).toBe('healthy');
    expect(healthy.ticket).toBeNull();
    // A shared view (no ticket carried) says the ticket is not in the link only where the leaf has one.
    expect(withheldTicketNote(channels.walk)).toBe(TICKET_NOT_IN_LINK);
    expect(withheldTicketNote(healthy.walk)).toBeNull();
    expect(channels.ticketWithheld).toBeNull();
  });

  it('lists the other findings beside the leaf walked to, each with its sentence; walking to one of them lists the verdict instead', () => {
    expect(walkViewOf(d, 'Carrier B', {}).alsoFound).toEqual([{ title: 'Concurrent-channel cap reached', confidence: 'high', summary: 'A weak plateau at 30.' }]);
    expect(walkViewOf(d, 'Carrier B', { capacity: 1 }).alsoFound.map((f) => f.summary)).toEqual(['503s start at 4 CPS.']);
  });
});
