// What notebooks written for xeus-cling and xeus-cpp (and ROOT macros) rely
// on, through the real kernel: xcpp::display, mime_bundle_repr returning JSON,
// #pragma cling and ROOT's R__ macros, __CLING__, OpenMP; and diagnostics that
// speak of the user's cell: each error once, magics' code at its own place.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KernelClient, ofType, plain, result, streamText, tracebackText } from './helpers/kernel-client.js';
import { tempDir } from './helpers/temp-dir.js';
import type { Message } from '../kernel/wire.js';

const count = (text: string, what: string) => text.split(what).length - 1;
const dataOf = (m: Message) => m.content.data as Record<string, unknown>;

describe('diagnostics speak of the cell', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
    await k.execute('#include <algorithm>\n#include <vector>\nstd::vector<double> to_shuffle = {1, 2, 3, 4};\nint q = 1;');
  });
  after(() => k.shutdown());

  it('shows an error clang reports several times (an unknown X:: at top level) once', async () => {
    for (const [code, message] of [
      ['ns::f(y);', "use of undeclared identifier 'ns'"],
      ['std::nope::g(y);', "no member named 'nope' in namespace 'std'"],
      ['namespace au {\n  nl::json f(const int &a) { return 0; }\n}', "use of undeclared identifier 'nl'"],
    ]) {
      const { reply } = await k.execute(code);
      expect(reply.content.status).to.equal('error');
      expect(count(tracebackText(reply.content), message), code).to.equal(1);
    }
  });

  it("points %timeit's and %%timeit's diagnostics at the cell's own lines and columns", async () => {
    const line = '%timeit -n 1 -r 1 std::random_shuffle(to_shuffle.begin(), to_shuffle.end());';
    const warned = await k.execute(line);
    expect(warned.reply.content.status).to.equal('ok');
    const column = line.indexOf('random_shuffle') + 1;
    expect(plain(streamText(warned.iopub, 'stderr'))).to.match(new RegExp(`^cell:1:${column}: warning: 'random_shuffle<`));
    const cell = await k.execute('%%timeit int k = 0;\n++k;\nnope2();');
    expect(tracebackText(cell.reply.content)).to.match(/^cell:3:1: error: use of undeclared identifier 'nope2'/);
    const second = await k.execute('\n%timeit nope3();');
    expect(tracebackText(second.reply.content)).to.match(/^cell:2:9: error: use of undeclared identifier 'nope3'/);
  });

  it('never shows the value-printing wrapper, and says when what is missing is at the end of the cell', async () => {
    const before = await k.execute('int g(int y) { return y } g(2)');
    expect(tracebackText(before.reply.content)).to.match(/^cell:1:24: error: expected ';' after return statement/);
    expect(tracebackText(before.reply.content)).to.not.include('print_last');
    const cut = await k.execute('q +');
    expect(tracebackText(cut.reply.content)).to.equal('cell (at its end): error: expected expression');
    expect(result((await k.execute('q++')).iopub), 'i++ is still a value').to.equal('1');
    // Complete expressions that end as an incomplete one might still show their value.
    expect(result((await k.execute('#include <type_traits>\nstd::is_same_v<int, int>')).iopub)).to.equal('true');
    expect(result((await k.execute('1.')).iopub)).to.equal('1.0');
    expect(result((await k.execute('q // the count.')).iopub)).to.equal('2');
  });

  it('keeps two errors that differ only in the template instantiation they come from', async () => {
    const { reply } = await k.execute('void takes_ptr(int *);\ntemplate <class T> void g(T t) { takes_ptr(t); }\nvoid h() { g(1); g(2.0); }');
    const tb = tracebackText(reply.content);
    expect(count(tb, "no matching function for call to 'takes_ptr'"), tb).to.equal(2);
    expect(tb).to.include("'g<int>'").and.include("'g<double>'");
  });
});

describe('cells clang crashes on', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
  });
  after(() => k.shutdown());

  it('runs a [[deprecated]] function in top-level statements, in order, with its warning at the cell\'s place', async () => {
    await k.execute('[[deprecated("use new_api")]] int old_api() { return 1; }\nint calls = 0;');
    const { reply, iopub } = await k.execute('calls += old_api(); int after_call = calls;\ncalls += old_api();\nafter_call * 10 + calls');
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(result(iopub), 'statements ran in order around the declaration').to.equal('12');
    const warnings = plain(streamText(iopub, 'stderr'));
    expect(warnings).to.match(/^cell:1:10: warning: 'old_api' is deprecated: use new_api/);
    expect(warnings).to.match(/\ncell:2:10: warning: 'old_api' is deprecated/);
    const value = await k.execute('#include <algorithm>\n#include <vector>\nstd::vector<int> v = {1, 2, 3};\nstd::random_shuffle(v.begin(), v.end());\nv.size()');
    expect(result(value.iopub), JSON.stringify(value.reply.content)).to.equal('3');
    expect(plain(streamText(value.iopub, 'stderr')), 'no wrapper in the excerpt').to.not.include('__cppnb_');
  });

  it('leaves in place what clang may read as a declaration, so it stays a variable of the session', async () => {
    const { reply } = await k.execute('struct Foo { int v = 3; };\nFoo(fx); calls += old_api();\nfx.v + calls');
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(result((await k.execute('fx.v')).iopub)).to.equal('3');
  });
});

describe('xeus-cling and xeus-cpp notebooks', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
    const html = await k.execute(
      '#include <nlohmann/json.hpp>\nnamespace nl = nlohmann;\nnamespace ht {\nstruct html { std::string m_content; };\n' +
      'nl::json mime_bundle_repr(const html &a) {\n  auto bundle = nl::json::object();\n  bundle["text/html"] = a.m_content;\n' +
      '  bundle["application/json"] = nl::json{{"answer", 42}};\n  return bundle;\n}\n}\nht::html rect{"<b>first</b>"};',
    );
    expect(html.reply.content.status, JSON.stringify(html.reply.content)).to.equal('ok');
  });
  after(() => k.shutdown());

  it('shows a value whose mime_bundle_repr returns nl::json (MIME type -> data)', async () => {
    const { iopub } = await k.execute('rect');
    const [shown] = ofType(iopub, 'execute_result');
    expect(dataOf(shown)['text/html']).to.equal('<b>first</b>');
    expect(dataOf(shown)['application/json']).to.deep.equal({ answer: 42 });
  });

  it('has xcpp::display (with an id, and updating it) and xcpp::clear_output from "xcpp/xdisplay.hpp"', async () => {
    const { reply, iopub } = await k.execute(
      '#include "xcpp/xdisplay.hpp"\nxcpp::display(rect, "some_display_id");\nrect.m_content = "<i>second</i>";\n' +
      'xcpp::display(rect, "some_display_id", true);\nstd::string test("foobar");\nxcpp::display(test);\nxcpp::clear_output(true);',
    );
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    const [withId, text] = ofType(iopub, 'display_data');
    expect(dataOf(withId)['text/html']).to.equal('<b>first</b>');
    expect((withId.content.transient as Record<string, string>).display_id).to.equal('some_display_id');
    const [update] = ofType(iopub, 'update_display_data');
    expect(dataOf(update)['text/html']).to.equal('<i>second</i>');
    expect(dataOf(text)['text/plain']).to.equal('"foobar"');
    expect(ofType(iopub, 'clear_output')[0].content.wait).to.equal(true);
  });

  it('shows a value whose repr it cannot use as text, with a one-line notice, and keeps the cell', async () => {
    const odd = await k.execute('struct Odd { int v; };\nint mime_bundle_repr(const Odd &) { return 3; }\nOdd odd{4};\nodd');
    expect(odd.reply.content.status).to.equal('ok');
    expect(result(odd.iopub)).to.match(/^<Odd at 0x/);
    expect(streamText(odd.iopub, 'stderr')).to.equal('cppnb: mime_bundle_repr returns neither a cppnb::mime_bundle nor a JSON object; showing the value as text\n');
    const list = await k.execute('struct Listed { int v; };\nnl::json mime_bundle_repr(const Listed &) { return nl::json::array({1, 2}); }\nListed{1}');
    expect(result(list.iopub)).to.match(/^<Listed at 0x/);
    expect(streamText(list.iopub, 'stderr')).to.match(/returned JSON that is not an object/);
    expect(result((await k.execute('odd.v')).iopub), "the cell's declarations are kept").to.equal('4');
  });

  it("encodes an image with xeus's (or xtl's) base64encode and shows it through an nl::json repr, as xeus's image example does", async () => {
    const { reply, iopub } = await k.execute(
      '#include "xcpp/xdisplay.hpp"\n#include "xeus/xbase64.hpp"\n#include "xtl/xbase64.hpp"\nnamespace im {\nstruct image { std::string bytes; };\n' +
      'nl::json mime_bundle_repr(const image &i) {\n  auto bundle = nl::json::object();\n  bundle["image/png"] = xeus::base64encode(i.bytes);\n  return bundle;\n}\n}\n' +
      'im::image dot{std::string("\\x89PNG\\r\\n\\x1a\\n", 8)};\nxcpp::display(dot);\nxtl::base64decode(xtl::base64encode("round trip"))',
    );
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(dataOf(ofType(iopub, 'display_data')[0])['image/png']).to.equal('iVBORw0KGgo=');
    expect(result(iopub)).to.equal('"round trip"');
  });

  it('defines __CLING__, as cling does', async () => {
    const { iopub } = await k.execute('#ifdef __CLING__\nint under_cling = 1;\n#else\nint under_cling = 0;\n#endif\nunder_cling');
    expect(result(iopub)).to.equal('1');
  });
});

describe('#pragma cling and ROOT\'s R__ macros', function () {
  this.timeout(120000);
  const k = new KernelClient();
  const dir = tempDir('pragma');
  before(async () => {
    mkdirSync(join(dir, 'inc'));
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'inc', 'answer.h'), 'extern "C" int answer_from_lib();\n');
    writeFileSync(join(dir, 'lib', 'answer.c'), 'int answer_from_lib(void) { return 42; }\n');
    execFileSync('clang-22', ['-shared', '-fPIC', '-o', join(dir, 'lib', 'libanswer.so'), join(dir, 'lib', 'answer.c')]);
    await k.start();
  });
  after(() => k.shutdown());

  it('adds include and library paths and loads a library as the cell is read', async () => {
    const { reply, iopub } = await k.execute(
      `#pragma cling add_include_path("${dir}/inc")\n#include "answer.h"\n` +
      `#pragma cling add_library_path("${dir}/lib")\n#pragma cling load("libanswer")\nanswer_from_lib()`,
    );
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(result(iopub)).to.equal('42');
  });

  it('keeps the include path as %include does (after %undo), and the library for the session', async () => {
    await k.execute('int later = 1;');
    await k.execute('int undone = 2;');
    expect((await k.execute('%undo')).reply.content.status).to.equal('ok');
    const { iopub } = await k.execute('#include "answer.h"\nanswer_from_lib() + later');
    expect(result(iopub)).to.equal('43');
  });

  it("ROOT's R__ADD_INCLUDE_PATH, R__ADD_LIBRARY_PATH and R__LOAD_LIBRARY are those pragmas", async () => {
    await k.execute('%reset');
    const { reply, iopub } = await k.execute(
      `R__ADD_INCLUDE_PATH(${dir}/inc)\nR__ADD_LIBRARY_PATH(${dir}/lib)\nR__LOAD_LIBRARY(libanswer)\n#include "answer.h"\nanswer_from_lib()`,
    );
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(result(iopub)).to.equal('42');
  });

  it('keeps what a pragma did when the cell then fails but the interpreter goes on', async () => {
    mkdirSync(join(dir, 'inc2'));
    writeFileSync(join(dir, 'inc2', 'second.h'), 'inline int second() { return 2; }\n');
    const failed = await k.execute(`#pragma cling add_include_path("${dir}/inc2")\nthrow 1;`);
    expect(failed.reply.content.ename).to.equal('int');
    await k.execute('%reset');
    expect(result((await k.execute('#include "second.h"\nsecond()')).iopub), 'kept as %include is, across %reset').to.equal('2');
  });

  it('finds a directory made after a first try, and a library under its versioned name', async () => {
    const later = join(dir, 'later');
    expect((await k.execute(`%include ${later}`)).reply.content.ename).to.equal('FileNotFoundError');
    mkdirSync(later);
    writeFileSync(join(later, 'later.h'), 'inline int later_value() { return 9; }\n');
    expect((await k.execute(`%include ${later}`)).reply.content.status).to.equal('ok');
    expect(result((await k.execute('#include "later.h"\nlater_value()')).iopub)).to.equal('9');
    // Debian's libm.so is a linker script: the library is libm.so.6.
    expect((await k.execute('%lib m')).reply.content.status).to.equal('ok');
    expect((await k.execute('#pragma cling load("libm")')).reply.content.status).to.equal('ok');
    // Several at once, as cling takes them; the library directory added earlier still counts.
    const both = await k.execute('#pragma cling load("libm", "libanswer")\nextern "C" int answer_from_lib();\nanswer_from_lib()');
    expect(result(both.iopub), JSON.stringify(both.reply.content)).to.equal('42');
  });

  it('a library whose initialiser crashes is not taken for a crash of clang', async () => {
    writeFileSync(join(dir, 'lib', 'boom.c'), '__attribute__((constructor)) static void boom(void) { *(volatile int *)0 = 1; }\n');
    execFileSync('clang-22', ['-shared', '-fPIC', '-o', join(dir, 'lib', 'libboom.so'), join(dir, 'lib', 'boom.c')]);
    const { reply } = await k.execute(`int before_boom = 1;\n#pragma cling load("${dir}/lib/libboom.so")`);
    expect(reply.content.ename).to.equal('InterpreterCrash');
    expect((await k.execute('1 + 1')).reply.content.status).to.equal('ok');
  });

  it('a pragma that fails is an error at its line; an unknown one is a warning', async () => {
    const missing = await k.execute('int fine = 1;\n#pragma cling load("libnot_there_at_all")');
    expect(missing.reply.content).to.include({ ename: 'CompileError' });
    expect(tracebackText(missing.reply.content)).to.match(/^cell:2:15: error: cannot load libnot_there_at_all: libnot_there_at_all\.so: cannot open shared object file/);
    const form = await k.execute('#pragma cling load(libanswer)');
    expect(tracebackText(form.reply.content)).to.match(/takes strings in parentheses/);
    const unknown = await k.execute('#pragma cling unroll(2)\nint unrolled = 1;');
    expect(unknown.reply.content.status).to.equal('ok');
    expect(plain(streamText(unknown.iopub, 'stderr'))).to.match(/warning: unknown '#pragma cling unroll' ignored/);
    const level = await k.execute('#pragma cling optimize(4)\nint optimized = 1;');
    expect(tracebackText(level.reply.content)).to.match(/^cell:1:15: error: '#pragma cling optimize' takes a level from 0 to 3/);
  });

  it('#pragma cling optimize(N) compiles its cell at -ON, and only that cell', async () => {
    // __builtin_constant_p of an argument is true only once the optimiser has
    // inlined the call with a constant: a probe of the level that needs no clock.
    const probe = (name: string) =>
      `static int ${name}_arg(int x) { return __builtin_constant_p(x); }\nint ${name}() { return ${name}_arg(3); }\n`;
    const fast = await k.execute('#pragma cling optimize(2)\n' + probe('fast') +
      'double harmonic(int n) { double s = 0; for (int i = 1; i <= n; ++i) s += 1.0 / i; return s; }\nint counted = 0;\nfor (int i = 0; i < 10; ++i) counted += i;\nfast()');
    expect(fast.reply.content.status, JSON.stringify(fast.reply.content)).to.equal('ok');
    expect(result(fast.iopub)).to.equal('1');
    expect(result((await k.execute('counted')).iopub), 'its statements ran, once').to.equal('45');
    expect(result((await k.execute('harmonic(4)')).iopub)).to.equal('2.083333333333333');
    const next = await k.execute(probe('plain') + 'plain()');
    expect(result(next.iopub), 'the next cell is at -O0 again').to.equal('0');
    // A failed optimised cell leaves the next one at -O0 too.
    await k.execute('#pragma cling optimize(3)\nint broken = ;');
    expect(result((await k.execute(probe('after') + 'after()')).iopub)).to.equal('0');
  });
});

describe('OpenMP', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
  });
  after(() => k.shutdown());

  it('runs a parallel region on several threads, and a reduction', async () => {
    const { reply, iopub } = await k.execute(
      '#include <omp.h>\n#include <set>\n#include <mutex>\n#include <unistd.h>\n#include <sys/syscall.h>\n' +
      'std::set<long> threads; std::mutex guard;\nvoid which_threads() {\n#pragma omp parallel num_threads(2)\n' +
      '  { std::lock_guard<std::mutex> lock(guard); threads.insert(syscall(SYS_gettid)); }\n}\n' +
      'double sum_to(int n) {\n  double s = 0;\n#pragma omp parallel for reduction(+ : s)\n  for (int i = 1; i <= n; ++i) s += i;\n  return s;\n}\n' +
      'which_threads();\nthreads.size()',
    );
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(result(iopub)).to.equal('2');
    expect(result((await k.execute('sum_to(1000000)')).iopub)).to.equal('500000500000.0');
  });

  it('after a crash on a worker thread, the session goes on from before the cell', async () => {
    const crash = await k.execute('int *nowhere = nullptr;\nvoid crash_on_worker() {\n#pragma omp parallel num_threads(2)\n  { if (omp_get_thread_num() == 1) *nowhere = 1; }\n}\ncrash_on_worker();');
    expect(crash.reply.content.ename).to.equal('InterpreterCrash');
    const again = await k.execute('threads.clear(); which_threads(); threads.size()');
    expect(result(again.iopub), 'OpenMP still runs on two threads').to.equal('2');
  });
});
