import { expect } from 'chai';
import { History } from '../kernel/history.js';
import { tempDir } from './helpers/temp-dir.js';

describe('history', () => {
  it('numbers sessions, persists across instances and answers tail, range and search', () => {
    const dir = tempDir('hist');
    const first = new History(dir);
    expect(first.session).to.equal(1);
    first.add(1, 'int x = 1;');
    first.add(2, 'x + 1');
    const second = new History(dir);
    expect(second.session).to.equal(2);
    second.add(1, 'x * 2');
    second.add(2, 'x + 1');
    expect(second.tail(2)).to.deep.equal([
      [2, 1, 'x * 2'],
      [2, 2, 'x + 1'],
    ]);
    expect(second.tail(1, true)).to.deep.equal([[2, 2, ['x + 1', null]]]);
    expect(second.range(0, 1, 2)).to.deep.equal([[2, 1, 'x * 2']]);
    expect(second.range(-1, 1, null)).to.deep.equal([
      [1, 1, 'int x = 1;'],
      [1, 2, 'x + 1'],
    ]);
    expect(second.search('x + *', null, false)).to.have.length(2);
    expect(second.search('x + *', null, true)).to.deep.equal([[2, 2, 'x + 1']]);
    expect(second.search('*', 1, false)).to.deep.equal([[2, 2, 'x + 1']]);
  });
});
