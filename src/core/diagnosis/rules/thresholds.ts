/**
 * The evidence thresholds, with units and why. Background noise on a healthy trunk is a fraction
 * of a percent of 503/603 (the simulation uses 0.3 % / 0.2 %, real trunks ≤ ~1 %): every rule needs
 * both a count and a share far above that, and a pattern.
 */

/** Attempts (calls) on a trunk below which rejections beyond background are "too few to tell", not healthy. */
export const MIN_ATTEMPTS = 30;
/** Rejections (calls) a finding needs at least: fewer is anecdote, not a pattern. */
export const MIN_REJECTS = 10;
/**
 * Rejections (calls) that keep a trunk from healthy when they are beyond background
 * (ELEVATED_SHARE), even too few for a pattern: 9 × 503 in 49 attempts is 18 %, not a background
 * of a fraction of a percent (it is inconclusive, asking for more calls).
 */
export const FEW_REJECTS = 3;
/** Share of attempts (fraction) a trunk's 503 or 603 must exceed to be "beyond background" (noise ≤ ~1 %). */
export const ELEVATED_SHARE = 0.03;
/** CPS knee: share of 503 at or above the knee (fraction) that makes it a limit, not chance. */
export const KNEE_MIN_SHARE = 0.3;
/** CPS knee: high confidence when the 503 share below the knee is background (fraction) and ≥ 30 503s above. */
export const KNEE_CLEAN_BELOW = 0.01;
/** "Near zero" below a knee or plateau (fraction): background level. */
export const BELOW_CLEAN = 0.02;
/** Concurrency plateau: share of 503 for attempts started at the plateau (fraction). */
export const PLATEAU_MIN_SHARE = 0.5;
/** Out of funds: share (fraction) of attempts failing after the onset — "(nearly) all". */
export const FUNDS_AFTER_SHARE = 0.8;
/** Out of funds: the trunk "succeeded normally" before: 503 share before the onset at most (fraction). */
export const FUNDS_MAX_BEFORE = 0.1;
/** Out of funds: 503 share before the onset allowed (fraction) when it is another problem's (CPS bursts) and the failures after it do not depend on the rate. */
export const FUNDS_MAX_BEFORE_OTHER = 0.35;
/** A destination prefix or caller ID "fails (nearly) always": rejected share (fraction). */
export const KEY_ALWAYS_SHARE = 0.8;
/** … over at least this many attempts on that key (calls). */
export const KEY_MIN_ATTEMPTS = 8;
/** … while the rest of the trunk stays normal: rejected share of the other keys (fraction). */
export const REST_MAX_SHARE = 0.05;
/** … and the failing keys are a part, not all, of the traffic (fraction of attempts). */
export const KEYS_MAX_TRAFFIC = 0.7;
/** Auth / disabled: at most this share answered (fraction) … */
export const AUTH_MAX_ANSWERED = 0.01;
/** … and at least this share failing with one code (fraction). */
export const AUTH_SAME_CODE_SHARE = 0.9;
/** Auth / disabled needs this many attempts (calls). */
export const AUTH_MIN_ATTEMPTS = 10;
/** A 603 onset counts as a policy change when the share after is at least (fraction). */
export const POLICY_AFTER_SHARE = 0.2;
/** … on a trunk that was fine before: 603 share before the onset at most (fraction). */
export const POLICY_MAX_BEFORE = 0.05;
/** Without codes: a key with no answer at all is suspicious when this many answers were expected (calls). */
export const SILENT_EXPECTED_ANSWERS = 6;
/** Without codes: the ASR "collapses" when it falls to this fraction of the ASR before (or below). */
export const SILENT_ASR_DROP = 0.4;
/** Without codes: calls needed on each side of an ASR split (calls). */
export const SILENT_MIN_SIDE = 50;
/** Side branches: 404/484 share (fraction) above the normal few percent of bad numbers on a list. */
export const NUMBER_FORMAT_SHARE = 0.15;
/** Side branches: 488 share (fraction); a codec problem hits many calls, not 1 in 250. */
export const CODEC_SHARE = 0.02;
/** Side branches: 403 with one reason phrase this many times (calls). */
export const REASON_MIN = 5;
/** Side branches: 480/486 share (fraction); a dialer sees ~30 % of them every day, so only far above that. */
export const USER_SIDE_SHARE = 0.6;
/** Side branches: 503-like failures without a SIP response (fraction) in a file that logs SIP codes: above noise. */
export const LOCAL_503_SHARE = 0.01;
/** Rejections (calls) whose code or phrase names a leaf (reasons.ts) needed for a finding: the carrier said so. */
export const STATED_MIN = 3;
/** A caller ID or number is refused "far above" the trunk when its share is at least this many times the rest's. */
export const FAR_ABOVE_FACTOR = 4;
/** Caller IDs: attempts (calls) a caller ID needs before "refused every time" means anything. */
export const CALLER_MIN_ATTEMPTS = 5;
/** Numbers: dialled at least this many times (calls), each time refused. */
export const NUMBER_MIN_ATTEMPTS = 2;
/** Numbers: at least this many such numbers, and this many times more than chance would make (p^k per number). */
export const NUMBERS_MIN_KEYS = 3;
export const NUMBERS_OVER_CHANCE = 4;
/** A call "looks refused" in a file without SIP codes when it ended BUSY / NO ANSWER within this many ms. */
export const REFUSED_LOOKING_MS = 1500;
/** Below this many attempts a trunk is never called healthy (calls); at HEALTHY_HIGH_ATTEMPTS healthy is high confidence. */
export const HEALTHY_HIGH_ATTEMPTS = 300;
/** Called side: a trunk whose failures are this share (fraction) or more 480/486/487/408 and cleared-while-ringing. */
export const CALLED_SIDE_SHARE = 0.9;
/** Ring time in the durations: a called-side failure (480/487) held at least this long (ms) counts as rung … */
export const RING_HELD_MS = 2000;
/** … judged over at least this many such calls (fewer: assume it is). */
export const MIN_RANG_CALLS = 20;
