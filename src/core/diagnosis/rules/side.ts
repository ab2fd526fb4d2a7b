/** Short side branches of the chart: 403 by reason phrase, 404/484 number format, 488 codec, 480/486 user side. */
import { isReject, pct, samples, type TrunkContext } from '../context';
import type { Finding } from '../types';
import { formatCount } from '../../model/format-count';
import { CODEC_SHARE, NUMBER_FORMAT_SHARE, LOCAL_503_SHARE, REASON_MIN, USER_SIDE_SHARE } from './thresholds';

export function sideRules(ctx: TrunkContext, reasons: ReadonlyMap<string, number>): Finding[] {
  const out: Finding[] = [];
  const s = ctx.stats;
  const count = (codes: readonly string[]) => s.byCode.filter((c) => codes.includes(c.code)).reduce((n, c) => n + c.count, 0);
  const { store } = ctx;
  const forbidden = [...reasons].filter(([text, n]) => text.startsWith('403 ') && text !== '403 Forbidden' && n >= REASON_MIN);
  if (forbidden.length > 0) {
    const texts = forbidden.map(([t]) => t.slice(4));
    const pick = (i: number) => isReject(store, i) && store.sipCode[i] === 403 && texts.includes(store.reasons.get(store.reason[i]!));
    const n = forbidden.reduce((m, [, k]) => m + k, 0);
    out.push({
      leaf: 'forbidden-reason',
      confidence: 'high',
      summary: `403 with a reason phrase: ${forbidden.map(([t, k]) => `"${t.slice(4)}" × ${formatCount(k)}`).join(', ')}.`,
      numbers: { phrases: texts, count: n },
      window: null,
      samples: samples(ctx, pick),
      explains: 0,
    });
  }
  const badNumber = count(['404', '484', '≈404', '≈484']);
  if (s.attempts > 0 && badNumber >= NUMBER_FORMAT_SHARE * s.attempts) {
    const pick = (i: number) => store.sipCode[i] === 404 || store.sipCode[i] === 484;
    out.push({
      leaf: 'number-format',
      confidence: 'medium',
      summary: `404/484 on ${pct({ n: badNumber, d: s.attempts })} of attempts: check the dialled number format.`,
      numbers: { count: { n: badNumber, d: s.attempts } },
      window: null,
      samples: samples(ctx, pick),
      explains: 0,
    });
  }
  const codec = count(['488', '≈488']);
  if (s.attempts > 0 && codec >= CODEC_SHARE * s.attempts && codec >= REASON_MIN) {
    const pick = (i: number) => store.sipCode[i] === 488;
    out.push({
      leaf: 'codec-mismatch',
      confidence: 'medium',
      summary: `488 Not Acceptable Here on ${pct({ n: codec, d: s.attempts })} of attempts.`,
      numbers: { count: { n: codec, d: s.attempts } },
      window: null,
      samples: samples(ctx, pick),
      explains: 0,
    });
  }
  // A 503-like failure with no SIP response in a file that logs SIP responses never reached the
  // carrier: the PBX made it (no channel, DNS, every trunk of a group down, CHANUNAVAIL).
  if (ctx.caps.sipCodes) {
    const local = (i: number) => store.outcomeOf(i) === 'capacity' && store.sourceOf(i) !== 'sip';
    let n = 0;
    for (const i of ctx.calls) if (local(i)) n++;
    if (n >= REASON_MIN && n >= LOCAL_503_SHARE * s.attempts) {
      out.push({
        leaf: 'local-pbx-503',
        confidence: 'medium',
        summary: `${pct({ n, d: s.attempts })} of attempts failed 503-like without any SIP response from the carrier: made by the local PBX.`,
        numbers: { count: { n, d: s.attempts } },
        window: null,
        samples: samples(ctx, local),
        explains: 0,
      });
    }
  }
  const userSide = count(['480', '486', '≈480', '≈486', 'BUSY']);
  if (s.attempts >= REASON_MIN && userSide >= USER_SIDE_SHARE * s.attempts) {
    const pick = (i: number) => store.sipCode[i] === 480 || store.sipCode[i] === 486;
    out.push({
      leaf: 'user-side',
      confidence: 'medium',
      summary: `480/486 on ${pct({ n: userSide, d: s.attempts })} of attempts: the called side (no answer, busy), not the carrier — list quality or calling hours.`,
      numbers: { count: { n: userSide, d: s.attempts } },
      window: null,
      samples: samples(ctx, pick),
      explains: 0,
    });
  }
  return out;
}
