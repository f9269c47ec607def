// Comms from C++ (Jupyter's comm messages; the groundwork of widgets), close to
// what ipykernel's Comm offers. Data and metadata are JSON text.
//
//   cppnb::comm c("my_target", R"({"value": 1})");   // comm_open to the frontend
//   c.on_msg([](const std::string &data) { ... });   // the frontend's comm_msg
//   c.send(R"({"value": 2})");                       // comm_msg to the frontend
//   c.close();                                       // comm_close
//
//   // A target the frontend opens comms to:
//   cppnb::comm_target("echo", [](cppnb::comm c, const std::string &data) {
//     c.on_msg([c](const std::string &d) mutable { c.send(d); });
//   });
//
// Callbacks run in the interpreter between cells (a message that arrives while
// a cell runs waits for it); what they print goes below the cell that sent the
// message, a callback that throws or crashes gives an error there, and the
// session goes on. Outside the kernel (a plain g++ program) nothing is sent.
#pragma once

#include <cppnb/json_quote.hpp>
#include <cppnb/mime_bundle.hpp> // cppnb_host_display

#include <functional>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

namespace cppnb {

class comm;

namespace detail {

struct comm_state {
  std::string id, target;
  bool open = true;
  std::function<void(const std::string &)> on_msg, on_close;
};

// The open comms and the targets, by id and name: a comm stays reachable
// (its callbacks too) until it is closed, whatever became of the object.
inline std::map<std::string, std::shared_ptr<comm_state>> &open_comms() {
  static std::map<std::string, std::shared_ptr<comm_state>> comms;
  return comms;
}
inline std::map<std::string, std::function<void(comm, const std::string &)>> &comm_targets() {
  static std::map<std::string, std::function<void(comm, const std::string &)>> targets;
  return targets;
}

inline std::string new_comm_id() {
  static std::mt19937_64 bits{std::random_device{}()};
  static const char *hex = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 32; ++i) id += hex[bits() & 15];
  return id;
}

// One message to the kernel, which sends it on iopub (op: open, msg, close, target).
inline void comm_frame(const char *op, const std::string &id, const std::string &target, const std::string &data,
                       const std::string &metadata) {
  if (!cppnb_host_display) return;
  std::string m = std::string("{\"kind\":\"comm\",\"op\":\"") + op + "\",\"comm_id\":" + json_quote(id) +
                  ",\"target_name\":" + json_quote(target) + ",\"data\":" + json_quote(data) +
                  ",\"metadata\":" + json_quote(metadata) + "}";
  cppnb_host_display(m.data(), m.size());
}

} // namespace detail

class comm {
public:
  // Opens a comm to the frontend's target_name (comm_open with data and metadata).
  explicit comm(const std::string &target_name, const std::string &data = "{}", const std::string &metadata = "{}")
      : s_(std::make_shared<detail::comm_state>()) {
    s_->id = detail::new_comm_id();
    s_->target = target_name;
    detail::open_comms()[s_->id] = s_;
    detail::comm_frame("open", s_->id, target_name, data, metadata);
  }

  const std::string &id() const { return s_->id; }
  const std::string &target_name() const { return s_->target; }
  bool is_open() const { return s_->open; }

  void send(const std::string &data = "{}", const std::string &metadata = "{}") const {
    if (!s_->open) throw std::logic_error("cppnb::comm::send: the comm " + s_->id + " is closed");
    detail::comm_frame("msg", s_->id, "", data, metadata);
  }
  // Closes it (comm_close); closing twice does nothing.
  void close(const std::string &data = "{}", const std::string &metadata = "{}") const {
    if (!s_->open) return;
    s_->open = false;
    detail::open_comms().erase(s_->id);
    detail::comm_frame("close", s_->id, "", data, metadata);
  }

  // f(data) for each comm_msg from the frontend; on_close's when it closes the comm.
  void on_msg(std::function<void(const std::string &data)> f) const { s_->on_msg = std::move(f); }
  void on_close(std::function<void(const std::string &data)> f) const { s_->on_close = std::move(f); }

private:
  friend void comm_deliver(const char *, const char *, const char *, const char *);
  explicit comm(std::shared_ptr<detail::comm_state> s) : s_(std::move(s)) {}
  std::shared_ptr<detail::comm_state> s_;
};

// Lets the frontend open comms to target_name: on_open(the new comm, its data)
// runs for each. Registering a name again replaces its function.
inline void comm_target(const std::string &target_name, std::function<void(comm, const std::string &data)> on_open) {
  detail::comm_targets()[target_name] = std::move(on_open);
  detail::comm_frame("target", "", target_name, "{}", "{}");
}

// Called by the kernel with a message from the frontend (not for user code):
// event is open, msg or close.
inline void comm_deliver(const char *event, const char *id, const char *target, const char *data) {
  std::string e = event;
  auto &comms = detail::open_comms();
  if (e == "open") {
    auto t = detail::comm_targets().find(target);
    if (t == detail::comm_targets().end()) {
      detail::comm_frame("close", id, "", "{}", "{}");
      throw std::runtime_error(std::string("cppnb::comm: no comm target \"") + target + "\"");
    }
    auto s = std::make_shared<detail::comm_state>();
    s->id = id, s->target = target;
    comms[id] = s;
    try {
      t->second(comm(s), data);
    } catch (...) {
      // As ipykernel: a comm whose target failed to open it is closed.
      comm(s).close();
      throw;
    }
    return;
  }
  auto c = comms.find(id);
  if (c == comms.end()) throw std::runtime_error(std::string("cppnb::comm: no open comm ") + id);
  std::shared_ptr<detail::comm_state> s = c->second;
  if (e == "msg") {
    if (s->on_msg) s->on_msg(data);
  } else if (e == "close") {
    s->open = false;
    comms.erase(c);
    if (s->on_close) s->on_close(data);
  }
}

} // namespace cppnb
