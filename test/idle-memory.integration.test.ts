// What an idle kernel holds (issue 19): no completer until one is asked for
// (completion.integration.test.ts), a reaper without the host's memory, and a
// host that gives back its read-only file pages after a while without a
// request (host/idle_memory.h), with every later cell as before.
import { expect } from 'chai';
import { KernelClient, result } from './helpers/kernel-client.js';
import { commandName, descendantsOf, pssMB, servingHost } from './helpers/processes.js';

describe('an idle kernel', function () {
  this.timeout(120000);
  const k = new KernelClient({ CPPNB_IDLE_RELEASE_MS: '1000' });
  before(async () => {
    await k.start();
  });
  after(() => k.shutdown());

  it('gives back the file pages its host read, and reads them again for the next cell', async () => {
    const setup = await k.execute('#include <TH1D.h>\nTH1D h("h", "h", 10, 0, 1);\nh.Fill(0.5);\nh.GetEntries()');
    expect(result(setup.iopub)).to.equal('1.0');
    const busy = pssMB(servingHost(k));
    await new Promise((r) => setTimeout(r, 3000));
    const idle = pssMB(servingHost(k));
    expect(busy - idle, `host PSS ${busy.toFixed(1)} MB busy, ${idle.toFixed(1)} MB idle`).to.be.above(30);
    const after = await k.execute('h.Fill(0.25);\nh.GetEntries()');
    expect(result(after.iopub)).to.equal('2.0');
    const drawn = await k.execute('h.Draw();');
    expect(drawn.reply.content.status).to.equal('ok');
  });

  it('has a reaper that holds nothing of the host', () => {
    const [reaper] = descendantsOf(k.process!.pid!);
    expect(commandName(reaper)).to.equal('cppnb-reaper');
    expect(pssMB(reaper)).to.be.below(2);
  });
});
