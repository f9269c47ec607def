// The magic parser: how cells split into magics and C++, and how arguments split.
import { expect } from 'chai';
import { UsageError } from '../kernel/outcome.js';
import { parseOptions, planCell, splitArgs, splitLeadingOptions } from '../magics/parse.js';
import { formatTime } from '../magics/timing.js';

describe('magic parser', () => {
  it('a cell magic owns the cell: name, arguments, body', () => {
    expect(planCell('\n%%writefile -a out.txt\nline 1\nline 2')).to.deep.equal({
      kind: 'cell-magic',
      name: 'writefile',
      args: '-a out.txt',
      body: 'line 1\nline 2',
      line: 2,
      lineText: '%%writefile -a out.txt',
    });
  });

  it('leading line magics and shell lines run first; the C++ keeps its line numbers', () => {
    const plan = planCell('%cd /tmp\n!ls -l\n\nint x = 1;\n%not_a_magic_here');
    expect(plan).to.deep.equal({
      kind: 'lines',
      magics: [
        { name: 'cd', args: '/tmp', line: 1, lineText: '%cd /tmp' },
        { name: '!', args: 'ls -l', line: 2, lineText: '!ls -l' },
      ],
      cpp: '\n\n\nint x = 1;\n%not_a_magic_here',
    });
  });

  it('plain C++ is left alone, digraphs and modulo included', () => {
    for (const code of ['int x = 10 % 3;', '%:include <cstdio>', 'a\n%b']) {
      expect(planCell(code)).to.deep.equal({ kind: 'lines', magics: [], cpp: code });
    }
  });

  it('?name, name? and %magic? alone in a cell ask for help', () => {
    expect(planCell('?std::vector')).to.include({ kind: 'help', target: 'std::vector', magic: false });
    expect(planCell('x?')).to.include({ kind: 'help', target: 'x', magic: false });
    expect(planCell('%timeit?')).to.include({ kind: 'help', target: 'timeit', magic: true });
    expect(planCell('%%bash?')).to.include({ kind: 'help', target: 'bash', magic: true });
    expect(planCell('a ? b : c;').kind).to.equal('lines');
  });

  it('splits arguments as a shell does', () => {
    expect(splitArgs(`a "b c" 'd e' f\\ g "h\\"i"`)).to.deep.equal(['a', 'b c', 'd e', 'f g', 'h"i']);
    expect(splitArgs('  ')).to.deep.equal([]);
    expect(() => splitArgs('"open')).to.throw(UsageError, /unterminated double quote/);
  });

  it('parses flags and valued options, and refuses unknown ones', () => {
    const p = parseOptions(['-a', '-n', '5', 'file', '-x'], ['-a'], ['-n']);
    expect([...p.flags]).to.deep.equal(['-a']);
    expect(p.values.get('-n')).to.equal('5');
    expect(p.positional).to.deep.equal(['file', '-x']);
    expect(() => parseOptions(['-q'], ['-a'], [])).to.throw(UsageError, /unknown option -q/);
    expect(() => parseOptions(['-n'], [], ['-n'])).to.throw(UsageError, /needs a value/);
  });

  it('takes %timeit options off the front and leaves the C++ verbatim', () => {
    const r = splitLeadingOptions('-n 10 -r3 v.push_back(-1)', ['-n', '-r']);
    expect(Object.fromEntries(r.options)).to.deep.equal({ '-n': '10', '-r': '3' });
    expect(r.rest).to.equal('v.push_back(-1)');
    expect(splitLeadingOptions('(-x) + 1', ['-n']).rest).to.equal('(-x) + 1');
    // As IPython: a leading -word is an option, so an unknown one is an error.
    expect(() => splitLeadingOptions('-q 1 f()', ['-n'])).to.throw(UsageError, /unknown option -q/);
  });

  it('formats times as IPython does', () => {
    expect(formatTime(2.5)).to.equal('2.5 s');
    expect(formatTime(0.5)).to.equal('500 ms');
    expect(formatTime(0.0015)).to.equal('1.5 ms');
    expect(formatTime(1.234e-6)).to.equal('1.23 µs');
    expect(formatTime(0)).to.equal('0 ns');
    expect(formatTime(125)).to.equal('2min 5s');
  });
});
