// Fork snapshots: the host's state as it was before the current cell.
//
// After every cell the host forks; the child (the snapshot) only waits on a
// pipe. If the host then dies for any reason -- a crash inside the compiler, a
// kill after an interrupt that could not land, a compile error that left clang's
// code generator holding half a cell -- the pipe reaches end of file and the
// snapshot carries on as the host, with every definition from before that cell.
#pragma once
#include <cstddef>

namespace cppnb {

// Snapshots the present state (after a cell). Returns in the serving process:
// at once in the host, and in a snapshot only when it takes over (then
// `resumed` is set and the caller must announce itself). replaceNewest: the
// present state amends the newest one instead (after a command, not a cell).
void takeSnapshot(bool &resumed, bool replaceNewest = false);

// Tells the newest snapshot to exit.
void releaseSnapshot();

// Tells every snapshot to exit; call before the host exits on purpose.
void releaseAllSnapshots();

// True when a snapshot is waiting to take over.
bool haveSnapshot();

// The cell just served changed nothing (read_only_cell.h): no snapshot is
// taken, the newest one is also the state after this cell.
void noteUnchangedStep();

// How many cells back the kept snapshots reach (cells that changed nothing included).
size_t undoableSteps();

// Goes back `steps` cells: releases the snapshots of those that changed the
// state. True when one was released: the state `steps` cells back then takes
// over when this process exits (else it is the present state already).
bool prepareUndo(size_t steps);

// Restarts the helper threads a forked child does not inherit.
void setThreadRestarter(void (*restart)());

// Runs in a new snapshot right after the fork, to drop what it must not hold.
void setSnapshotChildHook(void (*hook)());

} // namespace cppnb
