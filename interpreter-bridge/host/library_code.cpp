#include "library_code.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalAlias.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

#include <dlfcn.h>
#include <vector>

namespace cppnb {

bool loadHeaderCode(const std::vector<const char *> &args, std::string &error) {
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (std::string(args[i]) != "-include-pch") continue;
    std::string pch = args[i + 1];
    std::string code = (pch.size() > 4 && pch.compare(pch.size() - 4, 4, ".pch") == 0 ? pch.substr(0, pch.size() - 4) : pch) + ".so";
    // RTLD_GLOBAL: the JIT finds cells' symbols in the process's global scope.
    if (!dlopen(code.c_str(), RTLD_LAZY | RTLD_GLOBAL)) {
      const char *why = dlerror();
      error = "cannot load the precompiled header's code " + code + ": " + (why ? why : "unknown error") +
              " (run `npm run setup` to build it)";
      return false;
    }
  }
  return true;
}

// Only the library's own names (namespace cppnb::root: functions, vtables,
// typeinfo, guards, statics of its functions), and only definitions every
// user of the header has alike (linkonce_odr / weak_odr).
static bool fromLibrary(const llvm::GlobalValue &g) {
  if (g.isDeclaration()) return false;
  auto l = g.getLinkage();
  if (l != llvm::GlobalValue::LinkOnceODRLinkage && l != llvm::GlobalValue::WeakODRLinkage) return false;
  llvm::StringRef name = g.getName();
  return name.starts_with("_Z") && name.contains("5cppnb4root") && dlsym(RTLD_DEFAULT, name.str().c_str()) != nullptr;
}

static void makeExternal(llvm::GlobalValue &g) {
  g.setLinkage(llvm::GlobalValue::ExternalLinkage);
  g.setVisibility(llvm::GlobalValue::DefaultVisibility);
  g.setDSOLocal(false); // in another object: reached through the GOT
  if (auto *o = llvm::dyn_cast<llvm::GlobalObject>(&g)) o->setComdat(nullptr);
}

// Removes definitions nothing refers to any more that may be dropped when
// unused (inline functions, internal helpers), as the linker would.
static void dropUnused(llvm::Module &m) {
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<llvm::GlobalValue *> dead;
    for (llvm::GlobalValue &g : m.global_values()) {
      if (g.isDeclaration() || !llvm::GlobalValue::isDiscardableIfUnused(g.getLinkage())) continue;
      g.removeDeadConstantUsers();
      if (g.use_empty()) dead.push_back(&g);
    }
    for (llvm::GlobalValue *g : dead) {
      g->eraseFromParent();
      changed = true;
    }
  }
}

size_t useLibraryCode(llvm::Module &m) {
  size_t turned = 0;
  std::vector<llvm::GlobalAlias *> aliases;
  for (llvm::GlobalAlias &a : m.aliases())
    if (fromLibrary(a)) aliases.push_back(&a);
  for (llvm::Function &f : m.functions())
    if (fromLibrary(f)) {
      f.deleteBody();
      makeExternal(f);
      ++turned;
    }
  // A variable with a dynamic initialiser goes with its guard: the cell's
  // initialiser then sees the library's guard set. Never one without the
  // other (the library may have made the variable a constant, in read-only
  // memory, where the cell would initialise it).
  std::vector<llvm::GlobalVariable *> variables;
  for (llvm::GlobalVariable &v : m.globals()) {
    if (!v.getName().starts_with("_Z") || v.getName().starts_with("_ZGV")) continue;
    llvm::GlobalVariable *guard = m.getNamedGlobal(("_ZGV" + v.getName().drop_front(2)).str());
    bool guarded = guard && !guard->isDeclaration();
    if (fromLibrary(v) && (!guarded || fromLibrary(*guard))) {
      variables.push_back(&v);
      if (guarded) variables.push_back(guard);
    }
  }
  for (llvm::GlobalVariable *v : variables) {
    v->setInitializer(nullptr);
    makeExternal(*v);
    ++turned;
  }
  // An alias (clang's complete-object constructor for its base-object one)
  // becomes a plain declaration of its name.
  for (llvm::GlobalAlias *a : aliases) {
    llvm::GlobalValue *decl;
    if (auto *type = llvm::dyn_cast<llvm::FunctionType>(a->getValueType()))
      decl = llvm::Function::Create(type, llvm::GlobalValue::ExternalLinkage, a->getAddressSpace(), "", &m);
    else
      decl = new llvm::GlobalVariable(m, a->getValueType(), false, llvm::GlobalValue::ExternalLinkage, nullptr);
    decl->takeName(a);
    makeExternal(*decl);
    a->replaceAllUsesWith(decl);
    a->eraseFromParent();
    ++turned;
  }
  if (turned) dropUnused(m);
  return turned;
}

} // namespace cppnb
