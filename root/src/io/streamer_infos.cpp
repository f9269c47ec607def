#include "streamer_infos.hpp"

#include <climits>

namespace cppnb::root::io {

void StreamerInfos::add(const Record &list) {
  for (const RecordPtr &r : list.list("")) {
    if (!r || r->className != "TStreamerInfo") continue; // e.g. the list of schema rules
    ClassInfo info;
    info.name = r->text("fName");
    info.version = int(r->number("fClassVersion"));
    info.checksum = uint32_t(r->number("fCheckSum"));
    for (const RecordPtr &e : r->list("fElements")) {
      if (!e) continue;
      Element el;
      el.kind = e->className;
      el.name = e->text("fName");
      el.title = e->text("fTitle");
      el.typeName = e->text("fTypeName");
      el.countName = e->text("fCountName");
      el.type = int(e->number("fType"));
      el.size = int(e->number("fSize"));
      el.arrayLength = int(e->number("fArrayLength"));
      el.baseVersion = int(e->number("fBaseVersion", -1));
      el.stlType = int(e->number("fSTLtype"));
      el.ctype = int(e->number("fCtype"));
      info.elements.push_back(std::move(el));
    }
    fInfos[{info.name, info.version}] = std::move(info);
  }
}

const ClassInfo *StreamerInfos::find(const std::string &cls, int version) const {
  auto it = fInfos.find({cls, version});
  if (it != fInfos.end()) return &it->second;
  const ClassInfo *newest = nullptr;
  for (auto i = fInfos.lower_bound({cls, INT_MIN}); i != fInfos.end() && i->first.first == cls; ++i) newest = &i->second;
  return newest;
}

} // namespace cppnb::root::io
