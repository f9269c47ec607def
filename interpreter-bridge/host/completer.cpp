// cppnb-complete: semantic completion for the kernel, apart from the session.
//
// libclang parses the session's declarations plus the cell being typed (the
// kernel assembles that source) and completes at a position. It runs as its
// own process so completion can never disturb the interpreter's state, and it
// keeps its translation unit between requests: the #include block is a
// precompiled preamble, reused while the includes stay the same.
//
// Protocol on stdin/stdout, frames as in framing.h (a kind byte and a payload):
//   'C' payload "LINE COLUMN [PREFIX]\n" + source
//     -> 'R' JSON [[text, kind, signature, priority], ...] of the results whose
//        text starts with PREFIX (the part of the identifier already typed)
#include "framing.h"
#include "json.h"

#include <clang-c/Index.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <sys/prctl.h>
#include <unistd.h>
#include <vector>

using cppnb::jsonString;

static void reply(const std::string &json) { cppnb::writeFrame(1, 'R', json.data(), json.size()); }


static std::string str(CXString s) {
  const char *c = clang_getCString(s);
  std::string out = c ? c : "";
  clang_disposeString(s);
  return out;
}

// What the user types for a result (its name), or "" if it has none.
static std::string typedText(CXCompletionString cs) {
  for (unsigned c = 0, n = clang_getNumCompletionChunks(cs); c < n; ++c)
    if (clang_getCompletionChunkKind(cs, c) == CXCompletionChunk_TypedText) return str(clang_getCompletionChunkText(cs, c));
  return "";
}

static const char *kindName(CXCursorKind k) {
  switch (k) {
  case CXCursor_FunctionDecl: case CXCursor_FunctionTemplate: case CXCursor_ConversionFunction: return "function";
  case CXCursor_CXXMethod: return "method";
  case CXCursor_Constructor: return "constructor";
  case CXCursor_Destructor: return "destructor";
  case CXCursor_VarDecl: case CXCursor_ParmDecl: return "variable";
  case CXCursor_FieldDecl: return "field";
  case CXCursor_StructDecl: case CXCursor_ClassDecl: case CXCursor_UnionDecl:
  case CXCursor_ClassTemplate: case CXCursor_ClassTemplatePartialSpecialization: return "class";
  case CXCursor_EnumDecl: return "enum";
  case CXCursor_EnumConstantDecl: return "enum constant";
  case CXCursor_TypedefDecl: case CXCursor_TypeAliasDecl: case CXCursor_TypeAliasTemplateDecl: return "type";
  case CXCursor_Namespace: case CXCursor_NamespaceAlias: return "namespace";
  case CXCursor_MacroDefinition: return "macro";
  case CXCursor_NotImplemented: return "keyword";
  default: return "name";
  }
}

struct Entry {
  std::string typed, kind, signature;
  unsigned priority;
};

// The results libclang gives at a position, as entries (all of them, or only
// those whose text starts with prefix).
static std::vector<Entry> entriesOf(CXCodeCompleteResults *results, const std::string &prefix) {
  std::vector<Entry> out;
  if (!results) return out;
  for (unsigned i = 0; i < results->NumResults; ++i) {
    CXCompletionString cs = results->Results[i].CompletionString;
    if (clang_getCompletionAvailability(cs) == CXAvailability_NotAvailable) continue;
    // Only what continues the identifier being typed (libclang returns
    // everything); the signature is built for those alone.
    std::string typed = typedText(cs);
    if (typed.empty() || typed.compare(0, prefix.size(), prefix) != 0) continue;
    std::string signature, resultType;
    for (unsigned c = 0, n = clang_getNumCompletionChunks(cs); c < n; ++c) {
      CXCompletionChunkKind ck = clang_getCompletionChunkKind(cs, c);
      std::string text = str(clang_getCompletionChunkText(cs, c));
      if (ck == CXCompletionChunk_ResultType) resultType = text;
      else if (ck != CXCompletionChunk_Informative) signature += text;
    }
    if (!resultType.empty()) signature = resultType + " " + signature;
    out.push_back({typed, kindName(results->Results[i].CursorKind), signature, clang_getCompletionPriority(cs)});
  }
  return out;
}

static std::string toJson(const std::vector<Entry> &entries, const std::string &prefix) {
  std::string out = "[";
  for (const Entry &e : entries) {
    if (e.typed.compare(0, prefix.size(), prefix) != 0) continue;
    if (out.size() > 1) out += ",";
    out += "[" + jsonString(e.typed) + "," + jsonString(e.kind) + "," + jsonString(e.signature) + "," +
           std::to_string(e.priority) + "]";
  }
  return out + "]";
}

// "std::" or "std::chrono::" when the completion point follows such a
// qualifier: what completes there comes from the standard headers alone, so
// it can be kept (libclang takes ~35 ms to gather std's thousands of names).
static std::string stdQualifierBefore(const std::string &source, unsigned line, unsigned column) {
  size_t at = 0;
  for (unsigned l = 1; l < line; ++l) {
    size_t nl = source.find('\n', at);
    if (nl == std::string::npos) return "";
    at = nl + 1;
  }
  size_t end = at + (column > 0 ? column - 1 : 0);
  if (end > source.size()) return "";
  size_t begin = end;
  while (begin > at && (isalnum(static_cast<unsigned char>(source[begin - 1])) || source[begin - 1] == '_' || source[begin - 1] == ':')) --begin;
  std::string q = source.substr(begin, end - begin);
  if (q.rfind("::", 0) == 0) q.erase(0, 2);
  if (q.rfind("std::", 0) != 0 || q.size() < 5 || q.compare(q.size() - 2, 2, "::") != 0) return "";
  return q;
}

// What the token at line:column refers to, as JSON (null when nothing):
// {"name", "qualified", "kind", "type", "signature", "comment", "file", "line"}.
static std::string describeAt(CXTranslationUnit tu, const char *file, unsigned line, unsigned column) {
  CXFile f = clang_getFile(tu, file);
  CXCursor at = clang_getCursor(tu, clang_getLocation(tu, f, line, column));
  // An overloaded name (std::sort): the first of its candidates.
  CXCursor decl = clang_getCursorKind(at) == CXCursor_OverloadedDeclRef && clang_getNumOverloadedDecls(at) > 0
                      ? clang_getOverloadedDecl(at, 0)
                      : clang_getCursorReferenced(at);
  if (clang_Cursor_isNull(decl) || clang_isInvalid(clang_getCursorKind(decl))) {
    if (!clang_isDeclaration(clang_getCursorKind(at))) return "null";
    decl = at;
  }
  std::string name = str(clang_getCursorSpelling(decl));
  if (name.empty()) return "null";
  // Qualified name: the enclosing namespaces and classes, without inline and anonymous ones.
  std::string qualified = name;
  for (CXCursor p = clang_getCursorSemanticParent(decl); !clang_Cursor_isNull(p) && clang_getCursorKind(p) != CXCursor_TranslationUnit;
       p = clang_getCursorSemanticParent(p)) {
    std::string part = str(clang_getCursorSpelling(p));
    if (part.empty() || clang_Cursor_isInlineNamespace(p)) continue;
    qualified = part + "::" + qualified;
  }
  CXSourceLocation loc = clang_getCursorLocation(decl);
  CXFile declFile;
  unsigned declLine = 0;
  clang_getSpellingLocation(loc, &declFile, &declLine, nullptr, nullptr);
  std::string where = declFile ? str(clang_getFileName(declFile)) : "";
  std::string type = str(clang_getTypeSpelling(clang_getCursorType(decl)));
  std::string signature = str(clang_getCursorDisplayName(decl));
  std::string comment = str(clang_Cursor_getBriefCommentText(decl));
  return "{\"name\":" + jsonString(name) + ",\"qualified\":" + jsonString(qualified) + ",\"kind\":" +
         jsonString(kindName(clang_getCursorKind(decl))) + ",\"type\":" + jsonString(type) + ",\"signature\":" +
         jsonString(signature) + ",\"comment\":" + jsonString(comment) + ",\"file\":" + jsonString(where) +
         ",\"line\":" + std::to_string(declLine) + "}";
}

static char gFile[4096], gDir[4096];

static void removeAndExit(int) {
  unlink(gFile);
  rmdir(gDir);
  _exit(0);
}

int main(int argc, char **argv) {
  // The compiler arguments come on the command line (after the program name).
  std::vector<const char *> args;
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  // Preambles in memory: libclang writes them to /tmp otherwise and leaves
  // them there when the completer is killed, as it is when its kernel stops
  // or it idles out (1,741 files, 11 GB, accumulated on the development
  // machine). On top of the interpreter's precompiled header a preamble is
  // only what the session's own includes add (~32 KB for <vector>).
  CXIndexOptions indexOptions{};
  indexOptions.Size = sizeof indexOptions;
  indexOptions.StorePreamblesInMemory = 1;
  CXIndex index = clang_createIndexWithOptions(&indexOptions);
  if (!index) index = clang_createIndex(/*excludeDeclarationsFromPCH=*/0, /*displayDiagnostics=*/0);
  CXTranslationUnit tu = nullptr;
  // A real file: libclang reuses its precompiled preamble only for a main
  // file that exists on disk (its content always comes as an unsaved buffer).
  // The kernel names the directory (and removes it); standalone, make one.
  char made[] = "/tmp/cppnb-complete-XXXXXX";
  const char *given = getenv("CPPNB_COMPLETE_DIR");
  const char *dir = given ? given : mkdtemp(made);
  if (!dir) return 1;
  std::string path = std::string(dir) + "/session.cpp";
  // Never outlive the kernel, even mid-parse; a kernel that was killed cannot
  // tidy up, so this process removes its file and directory as it goes.
  snprintf(gFile, sizeof gFile, "%s", path.c_str());
  snprintf(gDir, sizeof gDir, "%s", dir);
  signal(SIGTERM, removeAndExit);
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() == 1) removeAndExit(0);
  if (FILE *f = fopen(path.c_str(), "w")) fclose(f);
  const char *file = path.c_str();
  std::string preamble; // the includes the translation unit was parsed with
  std::map<std::string, std::vector<Entry>> stdCache; // by qualifier, for this preamble

  for (;;) {
    char kind;
    std::string payload;
    if (!cppnb::readFrame(0, kind, payload)) {
      // The kernel is gone: leave nothing behind in /tmp.
      if (tu) clang_disposeTranslationUnit(tu);
      clang_disposeIndex(index);
      unlink(file);
      rmdir(dir);
      return 0;
    }
    if (kind != 'C' && kind != 'I') {
      reply("[]");
      continue;
    }
    size_t nl = payload.find('\n');
    unsigned line = 0, column = 0;
    char prefixBuf[256] = "";
    sscanf(payload.substr(0, nl).c_str(), "%u %u %255s", &line, &column, prefixBuf);
    std::string prefix = prefixBuf;
    std::string source = payload.substr(nl + 1);
    CXUnsavedFile unsaved{file, source.c_str(), static_cast<unsigned long>(source.size())};

    // A new set of includes needs a new preamble: parse again from scratch.
    size_t end = source.find("//@cppnb-end-of-includes");
    std::string includes = source.substr(0, end == std::string::npos ? 0 : end);
    if (tu && includes != preamble) {
      clang_disposeTranslationUnit(tu);
      tu = nullptr;
      stdCache.clear();
    }
    std::string qualifier = kind == 'C' ? stdQualifierBefore(source, line, column) : "";
    if (tu && !qualifier.empty()) {
      auto hit = stdCache.find(qualifier);
      if (hit != stdCache.end()) {
        reply(toJson(hit->second, prefix));
        continue;
      }
    }
    if (!tu) {
      unsigned options = CXTranslationUnit_PrecompiledPreamble |
                         CXTranslationUnit_Incomplete | CXTranslationUnit_KeepGoing |
                         CXTranslationUnit_CreatePreambleOnFirstParse;
      if (clang_parseTranslationUnit2(index, file, args.data(), static_cast<int>(args.size()), &unsaved, 1,
                                      options, &tu) != CXError_Success) {
        tu = nullptr;
        reply("[]");
        continue;
      }
      preamble = includes;
      // The precompiled preamble code completion reuses is made by a reparse.
      clang_reparseTranslationUnit(tu, 1, &unsaved, clang_defaultReparseOptions(tu));
    }
    if (kind == 'I') {
      // The session as it is now, then what the cursor's token refers to.
      if (tu && clang_reparseTranslationUnit(tu, 1, &unsaved, clang_defaultReparseOptions(tu)) != 0) {
        clang_disposeTranslationUnit(tu);
        tu = nullptr;
      }
      reply(tu ? describeAt(tu, file, line, column) : "null");
      continue;
    }
    CXCodeCompleteResults *results =
        clang_codeCompleteAt(tu, file, line, column, &unsaved, 1,
                             clang_defaultCodeCompleteOptions() & ~CXCodeComplete_IncludeBriefComments);
    if (!qualifier.empty()) {
      std::vector<Entry> all = entriesOf(results, "");
      if (results) clang_disposeCodeCompleteResults(results);
      reply(toJson(all, prefix));
      if (!all.empty()) stdCache[qualifier] = std::move(all);
      continue;
    }
    std::vector<Entry> entries = entriesOf(results, prefix);
    if (results) clang_disposeCodeCompleteResults(results);
    reply(toJson(entries, prefix));
  }
}
