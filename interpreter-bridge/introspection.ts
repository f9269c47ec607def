// What the C++ side answers about code without running it: completion (Tab),
// inspection (Shift+Tab, `?name`) and `#include <…>` names, from libclang over
// the session's cells (cppnb-complete), or from the session's words when it
// cannot answer.
import type { CompleteReply, InspectReply } from '../kernel/language.js';
import { Completer, type Completion } from './completer.js';
import { completeHeaderName, systemIncludeDirs } from './header-names.js';
import { describeDeclaration } from './inspection.js';
import type { InterpreterSession } from './interpreter-session.js';
import { bridgeIncludeDir, precompiledHeader, rootIncludeDir } from './paths.js';
import { completeFromSession, inspectFromSession, sessionSpells, wordAt } from './session-words.js';

export class Introspection {
  private completer: Completer | null = null;

  constructor(
    private readonly session: InterpreterSession,
    private readonly log: (line: string) => void,
  ) {}

  private semanticCompleter(): Completer {
    if (!this.completer) {
      // The interpreter's own precompiled headers, when it runs with them: the
      // completer then parses only what the session added (~0.25 s instead of
      // ~1.1 s), and shares the header's pages with the interpreter.
      const args = this.session.compilerArgs();
      if (this.session.usesPch) args.push('-Xclang', '-fincremental-extensions', '-include-pch', precompiledHeader(this.session.std));
      this.completer = new Completer(args, ['#include <cppnb/common.hpp>', ...this.session.prelude], this.log);
    }
    return this.completer;
  }

  // The next request starts a completer with the arguments of that time.
  stop(): void {
    this.completer?.stop();
    this.completer = null;
  }

  // Semantic completion from libclang over the session; the session's words
  // when it cannot answer.
  async complete(code: string, cursor: number): Promise<CompleteReply> {
    const cells = this.session.sessionSource;
    // Nothing typed yet: nothing to complete (and no parse to pay for).
    if (code.slice(0, cursor).trim() === '') return { matches: [], cursor_start: cursor, cursor_end: cursor, metadata: {} };
    const found = await this.semanticCompleter().complete(cells, code, cursor).catch(() => null);
    if (!found) return completeFromSession(cells, code, cursor);
    const start = cursor - found.typed.length;
    const best = new Map<string, Completion>();
    const ours = sessionSpells(cells, code.slice(0, start) + code.slice(cursor));
    const rank = (c: Completion) => (ours(c.text) ? 0 : 1);
    const ordered = [...found.completions].sort((a, b) => rank(a) - rank(b) || a.priority - b.priority || a.text.localeCompare(b.text));
    for (const c of ordered) {
      if (!best.has(c.text)) best.set(c.text, c);
    }
    return {
      matches: [...best.keys()],
      cursor_start: start,
      cursor_end: cursor,
      metadata: {
        _jupyter_types_experimental: [...best.values()].map((c) => ({
          start,
          end: cursor,
          text: c.text,
          type: c.kind,
          signature: c.signature,
        })),
      },
    };
  }

  // The declaration the identifier at the cursor refers to, from libclang; the
  // lines of the session that mention it when libclang finds none.
  async inspect(code: string, cursor: number): Promise<InspectReply> {
    const cells = this.session.sessionSource;
    const { start, end } = wordAt(code, cursor);
    if (start < end) {
      const completer = this.semanticCompleter();
      let found = await completer.describe(cells, code, start, end).catch(() => null);
      if (!found) {
        // A type alone (`std::vector`, as `?std::vector` asks) is no statement
        // clang can place: ask again with it declaring a variable.
        let qualifiedStart = start;
        while (qualifiedStart >= 2 && code.slice(qualifiedStart - 2, qualifiedStart) === '::') qualifiedStart = wordAt(code, qualifiedStart - 2).start;
        const probe = `${code.slice(qualifiedStart, end)} __cppnb_probe;`;
        found = await completer.describe(cells, probe, start - qualifiedStart, end - qualifiedStart).catch(() => null);
        // clang recovering from a non-type may declare the probe itself: not an answer.
        if (found?.name === '__cppnb_probe') found = null;
      }
      if (found) return describeDeclaration(found);
    }
    return inspectFromSession(cells, code, cursor);
  }

  // `#include <…>` completion, over the interpreter's include path.
  completeHeader(partial: string): string[] {
    return completeHeaderName(partial, [bridgeIncludeDir, rootIncludeDir, ...this.session.includeDirs, ...systemIncludeDirs()]);
  }
}
