#include "module_dump.h"

#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <string>

namespace cppnb {

void dumpModuleIfAsked(const llvm::Module &M, unsigned cell) {
  const char *dir = getenv("CPPNB_DUMP_MODULES");
  if (!dir || !*dir) return;
  std::error_code ec;
  llvm::raw_fd_ostream out(std::string(dir) + "/cell-" + std::to_string(cell) + ".ll", ec);
  if (!ec) M.print(out, nullptr);
}

} // namespace cppnb
