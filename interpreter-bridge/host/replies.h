// The JSON replies the host sends for a request (frame RepDone), built here only.
#pragma once
#include "json.h"

#include <string>

namespace cppnb {

inline std::string errorReply(const std::string &ename, const std::string &evalue, const std::string &traceback,
                              bool handover = false) {
  return "{\"status\":\"error\",\"ename\":" + jsonString(ename) + ",\"evalue\":" + jsonString(evalue) +
         ",\"traceback\":" + jsonString(traceback) + (handover ? ",\"handover\":true}" : "}");
}

inline std::string okReply(const std::string &valueJson = "null", bool handover = false) {
  return "{\"status\":\"ok\",\"value\":" + valueJson + (handover ? ",\"handover\":true}" : "}");
}

} // namespace cppnb
