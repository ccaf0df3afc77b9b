import { describe, expect, it } from 'vitest';
import { createCsvParser } from '../../src/directory/csv';

interface Parsed {
  records: Array<{ line: number; fields: string[] }>;
  separator: string | undefined;
}

function parse(text: string, chunkSize = text.length || 1): Parsed {
  const records: Parsed['records'] = [];
  const parser = createCsvParser((fields, line) => records.push({ line, fields }));
  for (let at = 0; at < text.length; at += chunkSize) parser.push(text.slice(at, at + chunkSize));
  parser.end();
  return { records, separator: parser.separator };
}

// Header on line 1; a quoted name with the separator, doubled quotes and a line break (lines 3 and 4); an empty
// line (5); CRLF line ends; a last line without its line break.
const FILE = [
  'uai;nom;commune\r\n',
  '0130569Y;Ecole François Moisson;Marseille\r\n',
  '0130541T;"Ecole ""Canet""; annexe\r\nAmbrosini";Marseille\r\n',
  '\r\n',
  '0130855J;"";"Bouc-Bel-Air"',
].join('');

describe('CSV parser', () => {
  it('reads quoted separators, doubled quotes and line breaks, with the line each record starts on', () => {
    expect(parse(FILE)).toEqual({
      separator: ';',
      records: [
        { line: 1, fields: ['uai', 'nom', 'commune'] },
        { line: 2, fields: ['0130569Y', 'Ecole François Moisson', 'Marseille'] },
        { line: 3, fields: ['0130541T', 'Ecole "Canet"; annexe\r\nAmbrosini', 'Marseille'] },
        { line: 6, fields: ['0130855J', '', 'Bouc-Bel-Air'] },
      ],
    });
  });

  it.each([1, 2, 7, 4096])('gives the same records for chunks of %i characters', (size) => {
    expect(parse(FILE, size)).toEqual(parse(FILE));
  });

  it('takes the comma as separator when the header has more commas than semicolons outside quotes', () => {
    const { separator, records } = parse('"a;b;c",d,e\n1,"2;3",4\n');
    expect(separator).toBe(',');
    expect(records.map((r) => r.fields)).toEqual([['a;b;c', 'd', 'e'], ['1', '2;3', '4']]);
  });

  it('takes the semicolon when the commas of the header are inside quotes', () => {
    const { separator, records } = parse('"a,b,c";d\n"1,5";2\n');
    expect(separator).toBe(';');
    expect(records.map((r) => r.fields)).toEqual([['a,b,c', 'd'], ['1,5', '2']]);
  });

  it('reads LF line ends and skips empty lines, counting them in line numbers', () => {
    const { records } = parse('\n\na,b\n\n1,2\n\n\n3,4\n');
    expect(records).toEqual([
      { line: 3, fields: ['a', 'b'] },
      { line: 5, fields: ['1', '2'] },
      { line: 8, fields: ['3', '4'] },
    ]);
  });

  it('reads a CRLF cut between two chunks as one line end', () => {
    const records: number[] = [];
    const parser = createCsvParser((_fields, line) => records.push(line));
    for (const chunk of ['a;b\r', '\n1;2\r', '\n3;4']) parser.push(chunk);
    parser.end();
    expect(records).toEqual([1, 2, 3]);
  });

  it('hands each record over as soon as its line ends, before the end of the file', () => {
    const seen: string[][] = [];
    const parser = createCsvParser((fields) => seen.push(fields));
    parser.push('a;b\n1;2\n3;');
    expect(seen).toEqual([['a', 'b'], ['1', '2']]);
    expect(parser.separator).toBe(';');
    parser.push('4');
    parser.end();
    expect(seen).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('does not know the separator before the header line ends', () => {
    const parser = createCsvParser(() => undefined);
    parser.push('uai,nom;commune,');
    expect(parser.separator).toBeUndefined();
    parser.push('x\n');
    expect(parser.separator).toBe(',');
  });

  it('keeps empty fields, quoted or not, and a trailing empty field', () => {
    expect(parse('a;b;c\n;"";\n').records[1]?.fields).toEqual(['', '', '']);
  });

  it('handles a file of many records chunk by chunk', () => {
    let count = 0;
    let last: string[] = [];
    const parser = createCsvParser((fields) => {
      count++;
      last = fields;
    });
    parser.push('uai;nom\n');
    for (let i = 0; i < 50_000; i++) parser.push(`${i};"Ecole\n${i}"\n`);
    parser.end();
    expect(count).toBe(50_001);
    expect(last).toEqual(['49999', 'Ecole\n49999']);
  });
});
