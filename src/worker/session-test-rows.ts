/**
 * Test data of the session tests (ingest-session.test.ts, ingest-session-archive.test.ts): VICIdial
 * Export Calls rows, and two exports that overlap. A: 3 calls (carrier-a: a 503 and an answer;
 * carrier-b: a 603). B: A's 503 again (an overlapping export) and one more 503 on carrier-a.
 */
export const HEADER = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';
export const row = (id: string, time: string, peer: string, code: number, reason: string, phone: string) =>
  `"${id}","2026-11-16 ${time}","10.0.0.15","1","${code === 200 ? 16 : 34}","${code === 200 ? 'ANSWER' : 'CONGESTION'}","SIP/${peer}-0000${id.slice(-2)}","1","${code === 200 ? 1 : 0}","${code}","${reason}","${phone}"`;
export const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
export const A_ROWS = [row('1.01', '09:00:01', 'carrier-a', 503, 'Service Unavailable', '3125550101'), row('1.02', '09:00:02', 'carrier-a', 200, 'OK', '3125550102'), row('1.03', '09:00:03', 'carrier-b', 603, 'Decline', '3125550103')];
export const B_ROWS = [A_ROWS[0]!, row('1.04', '09:00:04', 'carrier-a', 503, 'Service Unavailable', '3125550104')];
