// Comms from C++ (include/cppnb/comm.hpp) through jupyter_client
// (test/python/comms.py): the frontend opening comms to C++ targets, C++
// opening comms to the frontend, messages both ways, callbacks that fail.
import { expect } from 'chai';
import { pythonSeen } from './helpers/jupyter-env.js';

type Seen = [string, Record<string, unknown>][];

describe('comms from C++ through jupyter_client', function () {
  this.timeout(300000);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let seen: any;

  before(() => {
    seen = pythonSeen('comms.py');
    expect(seen.targets).to.equal('ok');
  });

  it('opens a comm to a C++ target: on_open runs with the data, its output and replies go to the comm_open', () => {
    const open = seen.open as Seen;
    expect(open[0]).to.deep.equal(['stream', { name: 'stdout', text: 'opened with {"a":1}\n' }]);
    expect(open[1][0]).to.equal('comm_msg');
    expect(open[1][1].data).to.deep.equal({ opened: { a: 1 } });
    const id = open[1][1].comm_id as string;
    expect(seen.info).to.deep.equal({ status: 'ok', comms: { [id]: { target_name: 'echo' } } });
    expect(seen.info_filtered.comms).to.deep.equal({});
  });

  it('answers the frontend\'s comm_msg from C++, and runs on_close at its comm_close', () => {
    expect(seen.msg).to.have.length(1);
    expect(seen.msg[0][1].data).to.deep.equal({ echo: { n: 5 } });
    expect(seen.close).to.deep.equal([['stream', { name: 'stdout', text: 'closed {}\n' }]]);
    expect(seen.info_after_close.comms).to.deep.equal({});
  });

  it('closes a comm opened to a target nobody registered', () => {
    expect(seen.unknown_target).to.have.length(1);
    expect(seen.unknown_target[0][0]).to.equal('comm_close');
  });

  it('opens a comm from C++ (data and metadata), receives on it, sends and closes it', () => {
    expect(seen.cpp_open).to.have.length(1);
    const [content, metadata, parent] = seen.cpp_open[0];
    expect(content).to.include({ target_name: 'from_cpp' });
    expect(content.data).to.deep.equal({ x: 1 });
    expect(metadata).to.deep.equal({ version: '2' });
    expect(parent).to.equal('execute_request');
    expect(seen.to_cpp).to.deep.equal([['stream', { name: 'stdout', text: 'got {"y":2}\n' }]]);
    expect(seen.cpp_send_close).to.deep.equal([
      ['comm_msg', { comm_id: content.comm_id, data: { z: 3 } }],
      ['comm_close', { comm_id: content.comm_id, data: { bye: true } }],
    ]);
    expect(seen.cpp_is_open).to.deep.equal(['false']);
  });

  it('sends nothing for data that is not JSON, and says so on stderr', () => {
    expect(seen.bad_json).to.have.length(1);
    expect(seen.bad_json[0][1]).to.match(/comm open's data is not valid JSON/);
  });

  it('gives an error for a callback that throws or crashes, closes a comm its target failed to open, and keeps the session', () => {
    const thrown = (seen.throws as Seen).find((m) => m[0] === 'error');
    expect(thrown?.[1]).to.include({ ename: 'std::runtime_error', evalue: 'boom in on_open' });
    expect((seen.throws as Seen).map((m) => m[0])).to.include('comm_close');
    const crash = (seen.crash as Seen).find((m) => m[0] === 'error');
    expect(crash?.[1].ename).to.equal('SegmentationFault');
    expect(seen.after).to.deep.equal(['42']);
    expect(seen.after_status).to.equal('ok');
  });
});
