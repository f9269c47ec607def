import { expect } from 'chai';
import { endpoint, parseConnectionInfo } from '../kernel/connection.js';
import { deserialize, DELIMITER, serialize, Signer, WireError, type Message } from '../kernel/wire.js';
import { Session } from '../kernel/session.js';

function sample(): Message {
  return new Session().message('execute_request', { code: 'int x = 1;' }, undefined, { identities: [Buffer.from('client-1')] });
}

describe('wire format and signatures', () => {
  it('round-trips a message with identities and buffers', () => {
    const signer = new Signer('hmac-sha256', 'secret');
    const msg = { ...sample(), buffers: [Buffer.from([0, 1, 2])] };
    const frames = serialize(msg, signer);
    expect(frames[0].toString()).to.equal('client-1');
    expect(frames[1].toString()).to.equal(DELIMITER);
    expect(frames[2].toString()).to.match(/^[0-9a-f]{64}$/);
    const back = deserialize(frames, signer);
    expect(back.identities.map(String)).to.deep.equal(['client-1']);
    expect(back.header).to.deep.equal(msg.header);
    expect(back.content).to.deep.equal({ code: 'int x = 1;' });
    expect(back.buffers[0]).to.deep.equal(Buffer.from([0, 1, 2]));
  });

  it('signs header, parent, metadata and content with the key (matches a known HMAC)', () => {
    const signer = new Signer('hmac-sha256', 'key');
    const parts = ['{}', '{}', '{}', '{}'].map((s) => Buffer.from(s));
    // python3 -c "import hmac,hashlib; print(hmac.new(b'key', b'{}'*4, hashlib.sha256).hexdigest())"
    expect(signer.sign(parts)).to.equal('ca767b02c5bc061ed184a9a029e7f93a7f2f7ed4e8fe74120fc1212f0b008fa3');
    expect(signer.verify(signer.sign(parts), parts)).to.equal(true);
  });

  it('rejects a tampered message and a missing signature', () => {
    const signer = new Signer('hmac-sha256', 'secret');
    const frames = serialize(sample(), signer);
    const tampered = frames.slice();
    tampered[6] = Buffer.from(JSON.stringify({ code: 'system("rm -rf /");' }));
    expect(() => deserialize(tampered, signer)).to.throw(WireError, /bad signature/);
    const unsigned = frames.slice();
    unsigned[2] = Buffer.from('');
    expect(() => deserialize(unsigned, signer)).to.throw(WireError, /bad signature/);
    const otherKey = serialize(sample(), new Signer('hmac-sha256', 'other'));
    expect(() => deserialize(otherKey, signer)).to.throw(WireError);
  });

  it('supports any hash Node has, and no signing with an empty key', () => {
    for (const scheme of ['hmac-sha256', 'hmac-sha512', 'hmac-sha1', 'hmac-md5']) {
      const s = new Signer(scheme, 'k');
      expect(deserialize(serialize(sample(), s), s).header.msg_type).to.equal('execute_request');
    }
    const none = new Signer('hmac-sha256', '');
    const frames = serialize(sample(), none);
    expect(frames[2].toString()).to.equal('');
    expect(deserialize(frames, none).content.code).to.equal('int x = 1;');
    expect(() => new Signer('hmac-nosuchhash', 'k')).to.throw(/unknown hash/);
    expect(() => new Signer('rsa', 'k')).to.throw(/hmac-<hash>/);
  });

  it('refuses malformed frames with a reason', () => {
    const signer = new Signer('hmac-sha256', '');
    expect(() => deserialize([Buffer.from('x')], signer)).to.throw(/delimiter/);
    expect(() => deserialize([Buffer.from(DELIMITER), Buffer.from('')], signer)).to.throw(/too few/);
    const bad = serialize(sample(), signer);
    bad[3] = Buffer.from('not json');
    expect(() => deserialize(bad, signer)).to.throw(/header is not valid JSON/);
  });

  it('builds headers with a unique id, the session, an ISO date and version 5.5', () => {
    const s = new Session();
    const a = s.header('status');
    const b = s.header('status');
    expect(a.msg_id).to.not.equal(b.msg_id);
    expect(a.session).to.equal(s.id);
    expect(a.version).to.equal('5.5');
    expect(new Date(a.date).toISOString()).to.equal(a.date);
  });
});

describe('connection file', () => {
  const base = { ip: '127.0.0.1', shell_port: 1, iopub_port: 2, stdin_port: 3, control_port: 4, hb_port: 5, key: 'k', signature_scheme: 'hmac-sha256' };

  it('forms tcp and ipc endpoints as jupyter_client does', () => {
    const tcp = parseConnectionInfo({ ...base, transport: 'tcp' });
    expect(endpoint(tcp, 'shell')).to.equal('tcp://127.0.0.1:1');
    expect(endpoint(tcp, 'hb')).to.equal('tcp://127.0.0.1:5');
    const ipc = parseConnectionInfo({ ...base, transport: 'ipc', ip: '/tmp/kernel-x' });
    expect(endpoint(ipc, 'control')).to.equal('ipc:///tmp/kernel-x-4');
  });

  it('says what is wrong with a bad file', () => {
    expect(() => parseConnectionInfo({ ...base, transport: 'udp' })).to.throw(/unsupported transport/);
    expect(() => parseConnectionInfo({ ...base, hb_port: 'x' })).to.throw(/hb_port/);
    expect(() => parseConnectionInfo(null)).to.throw(/not a JSON object/);
  });
});
