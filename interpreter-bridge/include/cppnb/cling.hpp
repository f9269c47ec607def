// ROOT's macros for what a macro needs from the interpreter, as ROOT defines
// them: in the interpreter (__CLING__, host/cell-flags) they are the
// `#pragma cling` lines cppnb acts on (host/cling_pragmas.h); compiled
// elsewhere (a %%slurm program, a plain g++ program) they are nothing, and the
// libraries come from the session's %lib list or the link line instead.
//
//   R__LOAD_LIBRARY(libEvent)        #pragma cling load("libEvent")
//   R__ADD_INCLUDE_PATH(/some/dir)   #pragma cling add_include_path("/some/dir")
//   R__ADD_LIBRARY_PATH(/some/dir)   #pragma cling add_library_path("/some/dir")
#pragma once

#ifdef __CLING__
#define R__CPPNB_PRAGMA(x) _Pragma(#x)
#define R__LOAD_LIBRARY(LIBRARY) R__CPPNB_PRAGMA(cling load(#LIBRARY))
#define R__ADD_INCLUDE_PATH(PATH) R__CPPNB_PRAGMA(cling add_include_path(#PATH))
#define R__ADD_LIBRARY_PATH(PATH) R__CPPNB_PRAGMA(cling add_library_path(#PATH))
#else
#define R__LOAD_LIBRARY(LIBRARY)
#define R__ADD_INCLUDE_PATH(PATH)
#define R__ADD_LIBRARY_PATH(PATH)
#endif
