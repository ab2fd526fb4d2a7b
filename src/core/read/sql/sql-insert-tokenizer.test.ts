import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SqlInsertTokenizer } from './sql-insert-tokenizer';

interface Row {
  table: string | undefined;
  columns: string[] | null | undefined;
  fields: string[];
  line: number;
  complete: boolean;
}

/** Feed `text` in slices of `size` characters (0 = whole) and collect what the sink saw. */
function tuples(text: string, size = 0): Row[] {
  const t = new SqlInsertTokenizer();
  const out: Row[] = [];
  const sink = (fields: string[], line: number) =>
    out.push({ table: t.currentTable?.name, columns: t.currentTable?.columns, fields, line, complete: t.tupleComplete });
  if (size <= 0) t.push(text, sink);
  else for (let i = 0; i < text.length; i += size) t.push(text.slice(i, i + size), sink);
  t.end(sink);
  return out;
}

const DUMP = [
  '-- MariaDB dump 10.19',
  '/*!40101 SET NAMES utf8mb4 */;',
  'DROP TABLE IF EXISTS `acc`;',
  'CREATE TABLE `acc` (',
  "  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,",
  "  `method` varchar(16) NOT NULL DEFAULT '',",
  "  `sip_reason` varchar(255) NOT NULL DEFAULT '' COMMENT 'phrase, (as sent)',",
  '  `time` datetime NOT NULL DEFAULT current_timestamp(),',
  '  PRIMARY KEY (`id`),',
  '  KEY `acc_callid` (`method`)',
  ') ENGINE=InnoDB;',
  'LOCK TABLES `acc` WRITE;',
  'INSERT INTO `acc` VALUES',
  "(1,'INVITE','It\\'s \"ok\"; really','2025-07-18 00:36:35'),",
  "(2,'BYE','a''b\\\\c\\nd',NULL);",
  'UNLOCK TABLES;',
  '',
].join('\n');

describe('SqlInsertTokenizer', () => {
  it('reads CREATE TABLE columns and one tuple per line, with MySQL escapes and NULL', () => {
    const rows = tuples(DUMP);
    expect(rows).toEqual([
      {
        table: 'acc',
        columns: ['id', 'method', 'sip_reason', 'time'],
        fields: ['1', 'INVITE', 'It\'s "ok"; really', '2025-07-18 00:36:35'],
        line: 14,
        complete: true,
      },
      { table: 'acc', columns: ['id', 'method', 'sip_reason', 'time'], fields: ['2', 'BYE', "a'b\\c\nd", ''], line: 15, complete: true },
    ]);
  });

  it('reads the default single-line extended insert and a --complete-insert column list', () => {
    const text =
      "INSERT INTO `acc` (`id`, `method`, `sip_code`) VALUES (1,'INVITE','503'),(2,'INVITE','603'),(3,'BYE','200');\n" +
      "INSERT IGNORE INTO kamailio.missed_calls(id,method) VALUES (9,'INVITE');\n";
    const rows = tuples(text);
    expect(rows.map((r) => [r.table, r.columns, r.fields, r.line])).toEqual([
      ['acc', ['id', 'method', 'sip_code'], ['1', 'INVITE', '503'], 1],
      ['acc', ['id', 'method', 'sip_code'], ['2', 'INVITE', '603'], 1],
      ['acc', ['id', 'method', 'sip_code'], ['3', 'BYE', '200'], 1],
      ['missed_calls', ['id', 'method'], ['9', 'INVITE'], 2],
    ]);
  });

  it('gives null columns for a data-only dump, and keeps other tables apart', () => {
    const rows = tuples("INSERT INTO `acc` VALUES (1,'x');\nINSERT INTO `version` VALUES ('acc',5);\n");
    expect(rows.map((r) => [r.table, r.columns, r.fields])).toEqual([
      ['acc', null, ['1', 'x']],
      ['version', null, ['acc', '5']],
    ]);
  });

  it('skips trigger bodies between DELIMITER ;; and DELIMITER ; (the dr_gateways sample)', () => {
    const text = [
      'DELIMITER ;;',
      "/*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET @a := 'it''s'; INSERT INTO acc VALUES (666); END */;;",
      'DELIMITER ;',
      "INSERT INTO `dr_gateways` VALUES (1,'name:Mack\\'s Endpoint,gwgroup:23');",
    ].join('\r\n');
    const rows = tuples(text);
    expect(rows.map((r) => [r.table, r.fields, r.line])).toEqual([['dr_gateways', ['1', "name:Mack's Endpoint,gwgroup:23"], 4]]);
  });

  it('keeps function values and signed numbers as text', () => {
    const rows = tuples("INSERT INTO t VALUES (-1.5, now(), _binary 'ab', 0x1F, 'x' /* c */ );");
    expect(rows[0]?.fields).toEqual(['-1.5', 'now()', 'ab', '0x1F', 'x']);
  });

  it('reads pg_dump: standard_conforming_strings and COPY … FROM stdin blocks', () => {
    const text = [
      'SET standard_conforming_strings = on;',
      "INSERT INTO public.acc (id, method, sip_reason) VALUES (1, 'INVITE', 'C:\\dir');",
      'COPY public.acc (id, method, sip_reason) FROM stdin;',
      '2\tINVITE\tService Unavailable',
      '3\tBYE\t\\N',
      '\\.',
      '',
    ].join('\n');
    expect(tuples(text).map((r) => [r.table, r.columns, r.fields, r.line])).toEqual([
      ['acc', ['id', 'method', 'sip_reason'], ['1', 'INVITE', 'C:\\dir'], 2],
      ['acc', ['id', 'method', 'sip_reason'], ['2', 'INVITE', 'Service Unavailable'], 4],
      ['acc', ['id', 'method', 'sip_reason'], ['3', 'BYE', ''], 5],
    ]);
  });

  it('marks a tuple cut by the end of the file as incomplete', () => {
    const rows = tuples("INSERT INTO `acc` VALUES (1,'INVITE','503'),\n(2,'INVITE','Serv");
    expect(rows.map((r) => [r.fields, r.complete])).toEqual([
      [['1', 'INVITE', '503'], true],
      [['2', 'INVITE', 'Serv'], false],
    ]);
    const cutAfterComma = tuples("INSERT INTO `acc` VALUES (1,'INVITE',");
    expect(cutAfterComma.map((r) => [r.fields, r.complete])).toEqual([[['1', 'INVITE'], false]]);
  });

  it('gives the same tuples, tables and lines at every chunk size (seams)', () => {
    const text =
      DUMP +
      "INSERT INTO `acc` (`id`,`method`) VALUES (3,'x''y\\''),(4,'--not a comment'),(5,'/*nor this*/');\r\n" +
      'DELIMITER ;;\nCREATE TRIGGER x BEGIN END;;\nDELIMITER ;\r\n' +
      'COPY acc (id) FROM stdin;\r\n7\r\n\\.\r\n';
    const whole = tuples(text);
    expect(whole.map((r) => r.fields[0])).toEqual(['1', '2', '3', '4', '5', '7']);
    expect(whole.map((r) => r.fields[1])).toEqual(['INVITE', 'BYE', "x'y'", '--not a comment', '/*nor this*/', undefined]);
    for (let size = 1; size <= 40; size++) expect(tuples(text, size), `chunk size ${size}`).toEqual(whole);
  });
});

describe('SqlInsertTokenizer on generated input (fast-check)', () => {
  const piece = fc.constantFrom(
    "INSERT INTO `acc` VALUES ", "(1,'a\\'b',NULL)", ',', ';', '\n', '\r\n', '\r', "'", '"', '`', '\\', '--', ' -- c\n', '/*', '*/',
    '#', 'DELIMITER ;;\n', 'DELIMITER ;\n', 'COPY acc (id) FROM stdin;\n', '7\t\\N\n', '\\.\n', 'CREATE TABLE t (`x` int);', '(', ')', "''", 'x',
  );
  const dump = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

  it('never throws and gives the same tuples at any chunk size', () => {
    fc.assert(
      fc.property(dump, fc.integer({ min: 1, max: 9 }), (text, size) => {
        expect(tuples(text, size)).toEqual(tuples(text));
      }),
      { numRuns: 400 },
    );
  });

  it('round-trips generated string values through MySQL quoting', () => {
    const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 6 }), (values) => {
        const text = `INSERT INTO \`acc\` VALUES (${values.map(quote).join(',')}),(${values.map(quote).join(',')});\n`;
        const rows = tuples(text, 3);
        expect(rows.map((r) => r.fields)).toEqual([values, values]);
      }),
      { numRuns: 300 },
    );
  });
});
