/**
 * The 503/603 flowchart of docs/diagnosis.md as data: one definition drives the diagram, the walk
 * (evidence.ts), the ticket text and the CLI. Questions have branches; every path ends at a leaf
 * with a stable id. The eight problem leaves plus `healthy` and `inconclusive` are the verdicts
 * (VerdictId); the short side branches (403 by reason phrase, 404/484, 488, 480/486, a 503 made by
 * the local PBX) are SideLeafId: they appear as further findings, never as a trunk's verdict.
 */

import { MIN_ATTEMPTS } from './rules/thresholds';

export const PROBLEM_IDS = [
  'cps-limit',
  'channel-cap',
  'out-of-funds',
  'no-route',
  'destination-blocked',
  'caller-id-blocked',
  'carrier-policy-change',
  'auth-or-disabled-trunk',
] as const;
export type ProblemId = (typeof PROBLEM_IDS)[number];

/** The verdict of one trunk: a problem leaf, or nothing beyond background, or the file cannot tell. */
export type VerdictId = ProblemId | 'healthy' | 'inconclusive';
export const VERDICT_IDS: readonly VerdictId[] = [...PROBLEM_IDS, 'healthy', 'inconclusive'];

export const SIDE_LEAF_IDS = ['forbidden-reason', 'number-format', 'codec-mismatch', 'user-side', 'local-pbx-503'] as const;
export type SideLeafId = (typeof SIDE_LEAF_IDS)[number];

export type LeafId = VerdictId | SideLeafId;

/** The 503 side and the 603 side of the chart: a file that cannot tell 503 from 603 cannot reach the second. */
export type LeafFamily = '503' | '603' | 'either' | 'none';

export interface CheckStep {
  /** What to look at. */
  what: string;
  /** Commands per platform, when there are any. */
  commands?: Partial<Record<'asterisk' | 'freeswitch' | 'kamailio' | 'vicidial' | 'any', string>>;
  /** Only for calls that cannot tell 503 from 603 (no SIP codes): dropped where the file has them (leafFor). */
  whenNoCodes?: true;
}

export interface Leaf {
  kind: 'leaf';
  id: LeafId;
  title: string;
  family: LeafFamily;
  /** One line: what it means. */
  meaning: string;
  /** The fix, as the chart says it. */
  fix: string;
  /** What to check, in order. */
  check: CheckStep[];
  /** What to tell the carrier (ticket text): what the calls show, then askCarrier; '' when it is not the carrier's to answer. */
  tellCarrier: string;
  /** The question alone (the ticket of a finding from the carrier's own words asks it after them); '' when none. */
  askCarrier: string;
}

export interface Branch {
  /** The answer that leads down this branch. */
  answer: string;
  to: string;
}

export interface Question {
  kind: 'question';
  id: string;
  text: string;
  branches: Branch[];
}

export type TreeNode = Question | Leaf;

/** Step 1 of every checklist: see the code on the wire. */
const CONFIRM_ON_WIRE: CheckStep = {
  what: 'Confirm the response code on the wire (a fast hangup or a fast busy looks the same to an agent)',
  commands: {
    asterisk: 'pjsip set logger on   (chan_sip: sip set debug on)',
    freeswitch: 'sofia global siptrace on',
    kamailio: 'sngrep -d any port 5060   (or: kamcmd siptrace.status on)',
    any: 'sngrep on the box that talks to the carrier',
  },
};

const leaf = (l: Omit<Leaf, 'kind'>): Leaf => ({ kind: 'leaf', ...l });

/** A ticket's text: what the calls show (`claim`), then the question (kept apart: askCarrier). */
const carrierText = (claim: string, question: string): Pick<Leaf, 'tellCarrier' | 'askCarrier'> => ({ tellCarrier: `${claim} ${question}`, askCarrier: question });

export const LEAVES: Readonly<Record<LeafId, Leaf>> = {
  'cps-limit': leaf({
    id: 'cps-limit',
    title: 'Calls per second above the carrier limit',
    family: '503',
    meaning: '503s cluster in the seconds where the trunk starts many attempts; below a CPS level there are (almost) none.',
    fix: 'Lower the CPS / dial level (or ask the carrier for a higher CPS limit).',
    check: [
      CONFIRM_ON_WIRE,
      { what: 'Look at the CPS knee: the attempts per second from which 503s start; compare with the contracted CPS' },
      { what: 'Lower the dial level / auto-dial pacing, or throttle the trunk', commands: { vicidial: 'Campaign: lower Auto Dial Level, set "Max Calls per Second"', asterisk: 'pjsip endpoint: rate limiting in the dialplan (GROUP_COUNT / a limiter)', kamailio: 'pike / pipelimit module on the carrier route' } },
    ],
    ...carrierText('We see 503 Service Unavailable only in seconds where we start more than {knee} calls per second on this trunk.', 'What CPS limit is configured on our account?'),
  }),
  'channel-cap': leaf({
    id: 'channel-cap',
    title: 'Concurrent-channel cap reached',
    family: '503',
    meaning: '503s occur when the trunk sits at a plateau of concurrent calls it never exceeds; CPS at those moments is ordinary.',
    fix: 'Lower the dial level or buy more channels.',
    check: [
      CONFIRM_ON_WIRE,
      { what: 'Look at the concurrency plateau: the level the trunk keeps hitting; compare with the channels on the contract' },
      { what: 'Check your own side first: a call limit on the peer', commands: { asterisk: 'pjsip show endpoint <trunk>  (device_state_busy_at, call-limit); GROUP_COUNT in the dialplan', freeswitch: 'sofia status gateway <gw>; limit / max-calls', kamailio: 'dispatcher / dialog limits' } },
    ],
    ...carrierText('Our attempts get 503 Service Unavailable when {plateau} calls are up on this trunk, never above.', 'Is the account limited to {plateau} concurrent channels?'),
  }),
  'out-of-funds': leaf({
    id: 'out-of-funds',
    title: 'Out of funds (prepaid balance)',
    family: 'either',
    meaning: 'Calls succeed until a moment, then (nearly) all fail with 503 (or 402/403 "insufficient funds") on every destination and caller ID.',
    fix: 'Top up the balance (and set a low-balance alert).',
    check: [CONFIRM_ON_WIRE, { what: 'Check the balance / credit limit in the carrier portal at the onset time' }, { what: 'Read the reason phrase: "Insufficient funds", "Payment required"' }],
    ...carrierText('From {onset} (nearly) every attempt on this trunk gets {code}, on every destination.', 'Is the account blocked for balance or credit?'),
  }),
  'no-route': leaf({
    id: 'no-route',
    title: 'No route for some destinations',
    family: 'either',
    meaning: '503s (or 404/403 "International Calling Disabled") concentrate on a few destination prefixes that fail (nearly) always, while other destinations are normal.',
    fix: 'Check the route coverage of the account (country / area provisioning, international permission).',
    check: [CONFIRM_ON_WIRE, { what: 'Check in the carrier portal whether these prefixes are in the rate deck / enabled for the account' }, { what: 'If only one destination fails it is a routing gap, not a rate problem: do not lower CPS' }],
    ...carrierText('Calls to {prefixes} fail (nearly) every time with {code}; other destinations are fine.', 'Are these destinations enabled on our account?'),
  }),
  'destination-blocked': leaf({
    id: 'destination-blocked',
    title: 'Destinations blocked',
    family: '603',
    meaning: '603s concentrate on particular numbers or prefixes, each refused every time; caller IDs are evenly affected.',
    fix: 'Check the destination blocks on the account (prefix blocks, DNC / fraud filters).',
    check: [CONFIRM_ON_WIRE, { what: 'In the carrier portal: is the destination or prefix blocked, or on a DNC / fraud list?' }, { what: 'Check whether the trunk is authorized for that route' }],
    ...carrierText('Calls to {prefixes} are declined (603) (nearly) every time, whatever the caller ID; other destinations are fine.', 'Is there a block on these destinations?'),
  }),
  'caller-id-blocked': leaf({
    id: 'caller-id-blocked',
    title: 'Caller IDs blocked',
    family: '603',
    meaning: '603s (or 403 "Invalid Caller ID") concentrate on one or a few caller IDs; other caller IDs on the same trunk are normal.',
    fix: 'Stop using those caller IDs or have them registered / unblocked (STIR/SHAKEN attestation, CNAM, spam labels).',
    check: [CONFIRM_ON_WIRE, { what: 'Check the caller IDs in the carrier portal (allowed list, attestation) and with spam-label services' }, { what: 'Remove them from the campaign rotation until cleared', commands: { vicidial: 'Campaign CID groups / Areacode CID: remove the numbers' } }],
    ...carrierText('Calls presenting {callerIds} are declined (nearly) every time; our other caller IDs on the same trunk are fine.', 'Are these numbers blocked or not permitted on the route?'),
  }),
  'carrier-policy-change': leaf({
    id: 'carrier-policy-change',
    title: 'Carrier policy or filter changed',
    family: '603',
    meaning: '603s appear from a moment on, across destinations and caller IDs, on a trunk that was fine before.',
    fix: 'Ask the carrier what changed at that time (filter, policy, account permissions).',
    check: [CONFIRM_ON_WIRE, { what: 'Compare before / after the onset: same destinations, caller IDs, dial level?' }, { what: 'Verify the account permissions in the carrier portal' }],
    ...carrierText('From {onset} this trunk gets 603 Decline on {rate} of attempts (before: {before}), across destinations and caller IDs.', 'What changed on our account or your filters at that time?'),
  }),
  'auth-or-disabled-trunk': leaf({
    id: 'auth-or-disabled-trunk',
    title: 'Authentication failing or trunk disabled',
    family: '603',
    meaning: '(Nearly) every attempt on the trunk fails the same way (403/401/407/603) from the start of the file.',
    fix: 'Check authentication (registration vs IP auth, credentials) and whether the trunk is disabled.',
    check: [
      CONFIRM_ON_WIRE,
      { what: 'Check registration / IP authentication', commands: { asterisk: 'pjsip show registrations; pjsip show endpoint <trunk>', freeswitch: 'sofia status gateway <gw>', kamailio: 'kamcmd uac.reg_dump' } },
      { what: 'Ask whether the trunk / account is suspended' },
    ],
    ...carrierText('Every attempt on this trunk since {first} is refused with {code}.', 'Is the trunk enabled, and which source IP / credentials do you expect?'),
  }),
  healthy: leaf({
    id: 'healthy',
    title: 'Healthy',
    family: 'none',
    meaning: 'Nothing beyond the normal background of a fraction of a percent of 503/603.',
    fix: 'Nothing to do.',
    check: [],
    tellCarrier: '',
    askCarrier: '',
  }),
  inconclusive: leaf({
    id: 'inconclusive',
    title: 'Inconclusive: the file cannot tell',
    family: 'none',
    meaning: 'Something is off, but the file lacks what would tell the causes apart (see what is missing).',
    fix: 'Log what is missing (the SIP code and reason phrase, the caller ID, end times) and look again.',
    check: [
      CONFIRM_ON_WIRE,
      {
        what: 'Log the SIP code per call',
        whenNoCodes: true,
        commands: {
          asterisk: 'in the carrier\'s h extension: Set(CDR(userfield)=${HANGUPCAUSE(${HANGUPCAUSE_KEYS()},tech)}); and cdr.conf congestion=yes',
          freeswitch: 'add ${sip_term_status} / ${sip_invite_failure_status} and ${sip_gateway_name} to the cdr_csv template',
          vicidial: 'use the Carrier Log report (SIP CODE + SIP HANGUP REASON) or the Export Calls Report with carrier fields',
          kamailio: 'acc: modparam("acc", "failed_transaction_flag", FLT_ACCFAILED) and setflag(FLT_ACC); setflag(FLT_ACCFAILED) on every INVITE, so each final reply goes into the acc table with its code and phrase ($rs → sip_code, $rr → sip_reason); db_extra "src_user=$fU;dst_user=$rU;dst_domain=$dd" for the caller ID, the number and the gateway',
        },
      },
    ],
    tellCarrier: '',
    askCarrier: '',
  }),
  'forbidden-reason': leaf({
    id: 'forbidden-reason',
    title: '403 Forbidden with a reason phrase',
    family: 'either',
    meaning: 'The carrier refused with 403 and said why: read the phrase.',
    fix: 'Act on the phrase (balance, caller ID, international permission, IP not allowed).',
    check: [CONFIRM_ON_WIRE],
    tellCarrier: 'We get 403 "{reason}" on {count} attempts.',
    askCarrier: '',
  }),
  'number-format': leaf({
    id: 'number-format',
    title: 'Number format (404 / 484)',
    family: 'none',
    meaning: 'Many 404 Not Found / 484 Address Incomplete: the dialled digits are not what the carrier expects (E.164, + or 011, national prefix).',
    fix: 'Check the number normalization in the dialplan / the carrier\'s dial format.',
    check: [CONFIRM_ON_WIRE, { what: 'Compare the Request-URI user part with the carrier\'s required format' }],
    tellCarrier: '',
    askCarrier: '',
  }),
  'codec-mismatch': leaf({
    id: 'codec-mismatch',
    title: 'Codec mismatch (488)',
    family: 'none',
    meaning: '488 Not Acceptable Here: no common codec / SDP the carrier accepts.',
    fix: 'Offer the carrier\'s codecs (usually PCMU/PCMA, G.729).',
    check: [CONFIRM_ON_WIRE, { what: 'Compare the SDP offer with the carrier\'s codec list', commands: { asterisk: 'pjsip show endpoint <trunk> (allow=)' } }],
    tellCarrier: '',
    askCarrier: '',
  }),
  'user-side': leaf({
    id: 'user-side',
    title: 'Called party side (480 / 486)',
    family: 'none',
    meaning: '480 Temporarily Unavailable / 486 Busy Here: the called side, not the carrier. Normal for a dialer in moderation.',
    fix: 'Nothing on the trunk; list hygiene and calling times.',
    check: [],
    tellCarrier: '',
    askCarrier: '',
  }),
  'local-pbx-503': leaf({
    id: 'local-pbx-503',
    title: '503 made by the local PBX',
    family: '503',
    meaning: 'The 503 never reached the carrier: no channel, DNS failure, every trunk of a group down.',
    fix: 'Check the PBX side (peer reachability, qualify, DNS, dial string).',
    check: [CONFIRM_ON_WIRE, { what: 'Check that an INVITE left the box at all (sngrep); qualify / OPTIONS status of the peer' }],
    tellCarrier: '',
    askCarrier: '',
  }),
};

/** The questions of the chart; every branch ends at a question or a leaf (`leaf:<id>`). */
export const QUESTIONS: readonly Question[] = [
  {
    kind: 'question',
    id: 'start',
    text: 'Does the trunk fail beyond background (a fraction of a percent)?',
    branches: [
      { answer: 'no', to: 'leaf:healthy' },
      { answer: 'every attempt, the same way, from the start', to: 'leaf:auth-or-disabled-trunk' },
      { answer: 'yes', to: 'code' },
      // Appended, not inserted: links carry answers as branch indexes.
      { answer: 'too few attempts to tell', to: 'leaf:inconclusive' },
    ],
  },
  {
    kind: 'question',
    id: 'code',
    text: 'Call rejected: response code?',
    branches: [
      { answer: '503 (capacity issue?)', to: 'capacity' },
      { answer: '603 (policy issue?)', to: 'policy' },
      { answer: '403 with a reason phrase', to: 'leaf:forbidden-reason' },
      { answer: '404 / 484', to: 'leaf:number-format' },
      { answer: '488', to: 'leaf:codec-mismatch' },
      { answer: '480 / 486', to: 'leaf:user-side' },
      { answer: 'the file cannot tell (too few calls, or no SIP codes)', to: 'leaf:inconclusive' },
    ],
  },
  {
    kind: 'question',
    id: 'capacity',
    text: '503: which pattern?',
    branches: [
      { answer: 'too fast: 503s above a CPS knee', to: 'leaf:cps-limit' },
      { answer: 'channels full: 503s at a concurrency plateau', to: 'leaf:channel-cap' },
      { answer: 'out of funds: everything fails from a moment on', to: 'leaf:out-of-funds' },
      { answer: 'no path: a few prefixes always fail', to: 'leaf:no-route' },
      { answer: 'made by our own PBX', to: 'leaf:local-pbx-503' },
    ],
  },
  {
    kind: 'question',
    id: 'policy',
    text: '603: which pattern?',
    branches: [
      { answer: 'number blocked: a few prefixes always declined', to: 'leaf:destination-blocked' },
      { answer: 'caller ID blocked: a few caller IDs always declined', to: 'leaf:caller-id-blocked' },
      { answer: 'filter: declines from a moment on, everywhere', to: 'leaf:carrier-policy-change' },
      { answer: 'auth: everything declined from the start', to: 'leaf:auth-or-disabled-trunk' },
    ],
  },
];

export function isVerdictId(id: string): id is VerdictId {
  return (VERDICT_IDS as readonly string[]).includes(id);
}

/** The chart as indented text (the CLI's `--tree`, the README). */
export function treeText(): string {
  const lines: string[] = [];
  const byId = new Map(QUESTIONS.map((q) => [q.id, q]));
  const walk = (id: string, depth: number): void => {
    const q = byId.get(id);
    if (!q) return;
    lines.push(`${'  '.repeat(depth)}${q.text}`);
    for (const b of q.branches) {
      if (b.to.startsWith('leaf:')) {
        const l = LEAVES[b.to.slice(5) as LeafId];
        lines.push(`${'  '.repeat(depth + 1)}${b.answer} → ${l.fix} [${l.id}]`);
      } else {
        lines.push(`${'  '.repeat(depth + 1)}${b.answer}`);
        walk(b.to, depth + 2);
      }
    }
  };
  walk('start', 0);
  return lines.join('\n');
}

/** What a leaf's wording depends on: whether the calls state SIP codes, and how many attempts the trunk has. */
export interface LeafCalls {
  sipCoded: boolean;
  attempts: number;
}

/**
 * A leaf as it reads for the trunk's calls. Where they state SIP codes, "log the SIP code" is not
 * advice, and an inconclusive verdict is about what else is missing (a caller ID…), listed with the
 * finding. An inconclusive verdict on no outbound call, or on fewer than MIN_ATTEMPTS, says that:
 * "something is off" read as an alarm for a trunk with 25 calls and none rejected (a FreePBX
 * export's), and its fix asked for SIP codes when what it lacked was calls.
 */
export function leafFor(leaf: Leaf, { sipCoded, attempts }: LeafCalls): Leaf {
  const few = leaf.id === 'inconclusive' && attempts < MIN_ATTEMPTS;
  const base = few ? (attempts === 0 ? NO_ATTEMPTS : TOO_FEW_ATTEMPTS) : leaf;
  if (!sipCoded) return base;
  const check = base.check.filter((c) => !c.whenNoCodes);
  const fix = leaf.id === 'inconclusive' && !few ? 'Get what the file is missing (listed with the finding) and look again.' : base.fix;
  return check.length === base.check.length && fix === base.fix ? base : { ...base, check, fix };
}

/** The inconclusive leaf of a trunk with no outbound attempt here (leafFor). */
const NO_ATTEMPTS: Leaf = {
  ...LEAVES.inconclusive,
  meaning: 'No call was sent to this trunk here: a 503 or 603 rate is a property of the calls sent to a carrier.',
  fix: 'To diagnose this trunk, look at an export of the calls sent to it (or a wider window).',
  check: [],
};

/** The inconclusive leaf of a trunk with fewer than MIN_ATTEMPTS attempts (leafFor): its checks stay (a file without SIP codes will need them too). */
const TOO_FEW_ATTEMPTS: Leaf = {
  ...LEAVES.inconclusive,
  meaning: `Too few attempts for a verdict (at least ${MIN_ATTEMPTS}): a handful of calls cannot tell a problem from the background of a fraction of a percent.`,
  fix: 'Look again with more calls: a longer export or a wider window.',
};
