/**
 * FreeSWITCH channel names and dial strings → trunk.
 * Source: signalwire/freeswitch src/mod/endpoints/mod_sofia (sofia_glue_set_name): a Sofia channel
 * is named `sofia/<profile>/<channame>`, e.g. `sofia/internal/1000@10.0.0.5` (a registered phone),
 * `sofia/external/15551234567@carrier.example` (a call from a carrier on the external profile),
 * `sofia/gateway/<gw>/<number>` (a leg sent through a configured gateway; the same text is the
 * bridge dial string). Dial strings may carry `{var=…}` / `[var=…]` / `<var=…>` prefixes and list
 * alternatives with `|`, `,` or `:_:`.
 * The shared channel.ts parses Asterisk names (`SIP/peer-0000001a`) and would read
 * `sofia/gateway/gw/123` as peer "gateway/gw/123", hence this local helper.
 */

const GATEWAY = /^sofia\/gateway\/([^/\s]+)/i;
const PROFILE = /^sofia\/([^/\s]+)\/(.+)$/i;

/**
 * The trunk named by one Sofia channel name or dial target, or null when it is not a trunk leg
 * (the `internal` profile holds registered phones; `user/`, `loopback/`, `error/` are not SIP trunks).
 */
export function trunkFromSofiaTarget(target: string): string | null {
  const text = target.trim();
  const gw = GATEWAY.exec(text);
  if (gw?.[1]) return gw[1];
  const m = PROFILE.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const profile = m[1];
  if (/^internal/i.test(profile)) return null;
  const rest = m[2].replace(/^sips?:/i, '');
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const host = rest.slice(at + 1).split(/[;>?\s]/)[0] ?? '';
    if (host !== '') return host;
  }
  // `sofia/external/15551234567`: an outbound leg named without a host: the profile is all we know.
  return profile;
}

/** A channel FreeSWITCH placed through a configured gateway: `sofia/gateway/<gw>/…`. */
export function isGatewayChannel(channel: string): boolean {
  return GATEWAY.test(channel.trim());
}

/** Trunk from a channel name or a whole dial string (first Sofia target that names one). */
export function trunkFromSofia(text: string): string | null {
  const cleaned = withoutChannelVariables(text);
  for (const part of cleaned.split(/\||,|:_:/)) {
    const trunk = trunkFromSofiaTarget(part);
    if (trunk !== null) return trunk;
  }
  return null;
}

const CLOSER: ReadonlyMap<string, string> = new Map([['{', '}'], ['[', ']'], ['<', '>']]);

/**
 * The dial string without its `{…}` / `[…]` / `<…>` variable blocks — what
 * `.replace(/\{[^}]*\}|\[[^\]]*\]|<[^>]*>/g, '')` did, in one pass: that pattern rescans the rest of
 * the text from every unclosed opener (quadratic on a field of `{`). The next closer of each kind is
 * remembered, so the text is searched once per kind and stretch.
 */
function withoutChannelVariables(text: string): string {
  const nextClose = new Map<string, number>();
  let out = '';
  let kept = 0;
  let i = 0;
  while (i < text.length) {
    const close = CLOSER.get(text[i]!);
    if (close === undefined) {
      i++;
      continue;
    }
    let at = nextClose.get(close);
    if (at === undefined || (at !== -1 && at <= i)) {
      at = text.indexOf(close, i + 1);
      nextClose.set(close, at);
    }
    if (at === -1) {
      i++;
      continue;
    }
    out += text.slice(kept, i);
    kept = i = at + 1;
  }
  return out + text.slice(kept);
}
