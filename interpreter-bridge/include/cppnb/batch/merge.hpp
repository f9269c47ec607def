// Merging the outputs of a %%slurm job's tasks into one file of merged values:
// only cppnb-merge (host/merger.cpp) needs this, and it registers a codec for
// every type a task can send.
#pragma once
#include <cppnb/batch/codec.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cppnb::batch::detail {

// Merging knows the outputs' types by their names in the files: cppnb-merge
// registers a codec for every type that can be sent.
struct Codec {
  void *(*read)(Reader &);
  bool (*merge)(void *, void *, std::string &);
  void (*write)(Writer &, const void *);
  void (*destroy)(void *);
};

inline std::map<std::string, Codec> &codecs() {
  static std::map<std::string, Codec> m;
  return m;
}

template <class T> bool register_codec() {
  codecs()[type_name<T>()] = Codec{
      [](Reader &r) -> void * {
        auto v = std::make_unique<T>();
        stream(r, *v);
        return v.release();
      },
      [](void *a, void *b, std::string &why) { return merge(*static_cast<T *>(a), *static_cast<T *>(b), why); },
      [](Writer &w, const void *v) { stream(w, *static_cast<const T *>(v)); },
      [](void *v) { delete static_cast<T *>(v); },
  };
  return true;
}

// Merges the tasks' outputs (cppnb-merge, host/merger.cpp), in task order, into
// out, one value per name; holds one merged value per name and one task's file
// at a time. 0 on success, else 1 with the reason on stderr.
inline int merge(const std::string &out_path, const std::vector<std::string> &task_files) {
  struct Merged {
    std::string type;
    void *value;
    const Codec *codec;
    std::string first_task;
  };
  std::vector<std::pair<std::string, Merged>> merged;
  try {
    for (const std::string &task : task_files) {
      for (auto &rec : read_records(task)) {
        auto c = codecs().find(rec.type);
        if (c == codecs().end()) throw std::runtime_error("unknown output type " + rec.type + " in " + task);
        Reader r{rec.bytes.data(), rec.bytes.data() + rec.bytes.size()};
        void *value = c->second.read(r);
        Merged *m = nullptr;
        for (auto &[n, v] : merged)
          if (n == rec.name) m = &v;
        if (!m) {
          merged.push_back({rec.name, Merged{rec.type, value, &c->second, task}});
          continue;
        }
        if (m->type != rec.type) {
          c->second.destroy(value);
          throw std::runtime_error("output " + rec.name + " is a " + m->type + " in " + m->first_task + " but a " + rec.type + " in " + task);
        }
        std::string why;
        bool ok = m->codec->merge(m->value, value, why);
        c->second.destroy(value);
        if (!ok) throw std::runtime_error("cannot merge output " + rec.name + " of " + task + ": " + why);
      }
    }
    std::vector<Record> out;
    std::string types;
    for (auto &[name, m] : merged) {
      Writer w;
      m.codec->write(w, m.value);
      out.push_back({name, m.type, std::move(w.bytes)});
      types += name + '\t' + m.type + '\n';
      m.codec->destroy(m.value);
      m.value = nullptr;
    }
    write_file(out_path, out);
    // The names and types the session defines, read by the kernel.
    std::ofstream(out_path + ".types") << types;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "cppnb::batch merge: %s\n", e.what());
    return 1;
  }
  return 0;
}

} // namespace cppnb::batch::detail
