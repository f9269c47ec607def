// Writes records as objects of their class, following the class's description
// (class_infos.hpp): the inverse of the object reader. Also writes the
// StreamerInfo list that describes the classes a file holds.
#pragma once

#include "class_infos.hpp"
#include "writer.hpp"

#include <cppnb/root/io/record.hpp>

namespace cppnb::root::io {

// record as an object of its class (record.className), with its version header.
void writeRecord(Writer &w, const Record &record);
// The StreamerInfo TList for these classes.
void writeStreamerInfos(Writer &w, const std::vector<const ClassInfo *> &infos);
// One TStreamerInfo object (an item of that list).
void writeStreamerInfo(Writer &w, const ClassInfo &c);

} // namespace cppnb::root::io
