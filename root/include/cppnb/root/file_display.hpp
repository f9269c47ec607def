// A TFile, TDirectory or TTree as a cell's last value (or a pointer to one):
// a table of its keys (class, title, cycle, entries, sizes) or of its branches
// (type, entries, sizes, compression), as HTML and as text.
#pragma once

#include "file_objects.hpp"
#include "notebook.hpp"

namespace cppnb::root {

struct TableView {
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;

  static std::string escape(const std::string &s) {
    std::string o;
    for (char c : s) o += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
    return o;
  }
  static std::string bytes(double n) {
    const char *units[] = {"B", "kB", "MB", "GB", "TB"};
    int u = 0;
    while (n >= 1000 && u < 4) n /= 1000, ++u;
    char buf[32];
    std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", n, units[u]);
    return buf;
  }
  cppnb::mime_bundle bundle(const std::string &caption) const {
    std::string html = "<table><caption style=\"text-align:left\">" + escape(caption) + "</caption><thead><tr>";
    for (const auto &h : head) html += "<th style=\"text-align:left\">" + escape(h) + "</th>";
    html += "</tr></thead><tbody>";
    for (const auto &r : rows) {
      html += "<tr>";
      for (const auto &c : r) html += "<td style=\"text-align:left\">" + escape(c) + "</td>";
      html += "</tr>";
    }
    html += "</tbody></table>";
    std::vector<size_t> width(head.size());
    for (size_t i = 0; i < head.size(); ++i) width[i] = head[i].size();
    for (const auto &r : rows)
      for (size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], r[i].size());
    auto line = [&](const std::vector<std::string> &cells) {
      std::string l;
      for (size_t i = 0; i < cells.size() && i < width.size(); ++i)
        l += cells[i] + std::string(width[i] - cells[i].size() + (i + 1 < cells.size() ? 2 : 0), ' ');
      while (!l.empty() && l.back() == ' ') l.pop_back();
      return l + "\n";
    };
    std::string text = caption + "\n" + line(head);
    for (const auto &r : rows) text += line(r);
    text.pop_back();
    return {{"text/html", html}, {"text/plain", text}};
  }
};

inline cppnb::mime_bundle mime_bundle_repr(const TDirectory &dir) {
  TableView t;
  t.head = {"name", "class", "title", "cycle", "entries", "size", "on disk"};
  for (TObject *o : *const_cast<TDirectory &>(dir).GetListOfKeys()) {
    auto *k = static_cast<TKey *>(o);
    std::string entries;
    std::string cls = k->GetClassName();
    if (cls == "TTree" || cls == "TNtuple" || cls == "TNtupleD") {
      std::string nc = std::string(k->GetName()) + ";" + std::to_string(k->GetCycle());
      if (auto *tree = dynamic_cast<TTree *>(const_cast<TDirectory &>(dir).Get(nc.c_str()))) {
        entries = std::to_string(tree->GetEntries());
        t.rows.push_back({k->GetName(), cls, k->GetTitle(), std::to_string(k->GetCycle()), entries,
                          TableView::bytes(double(tree->GetTotBytes())), TableView::bytes(double(tree->GetZipBytes()))});
        continue;
      }
    }
    if (TObject *obj = k->IsFolder() ? nullptr : const_cast<TDirectory &>(dir).cached(k))
      if (auto *h = dynamic_cast<TH1 *>(obj)) entries = std::to_string((long long)h->GetEntries());
    t.rows.push_back({k->GetName(), cls, k->GetTitle(), std::to_string(k->GetCycle()), entries,
                      TableView::bytes(k->GetObjlen()), TableView::bytes(k->GetNbytes())});
  }
  std::string caption = std::string(dir.ClassName()) + " " + dir.GetPathString();
  if (auto *f = dynamic_cast<const TFile *>(&dir)) {
    char version[32];
    int v = f->GetVersion();
    std::snprintf(version, sizeof version, "%d.%02d/%02d", v / 10000, v / 100 % 100, v % 100);
    caption += " (" + TableView::bytes(double(f->GetSize())) + ", written by ROOT " + version + ", compression " +
               std::to_string(f->GetCompressionSettings()) + ")";
  }
  return t.bundle(caption);
}

inline cppnb::mime_bundle mime_bundle_repr(const TTree &tree) {
  TableView t;
  t.head = {"branch", "type", "entries", "size", "on disk", "compression"};
  for (const TObject *o : *const_cast<TTree &>(tree).GetListOfLeaves()) {
    auto *l = static_cast<const TLeaf *>(o);
    TBranch *b = l->GetBranch();
    std::string type = *b->GetClassName() ? b->GetClassName() : l->GetTypeName();
    if (l->GetLeafCount()) type += "[" + std::string(l->GetLeafCount()->GetName()) + "]";
    else if (l->GetLen() > 1) type += "[" + std::to_string(l->GetLen()) + "]";
    bool many = b->GetListOfLeaves()->GetEntries() > 1;
    std::string name = many ? std::string(b->GetName()) + "." + l->GetName() : b->GetName();
    char ratio[16];
    std::snprintf(ratio, sizeof ratio, "%.2f", b->GetZipBytes() > 0 ? double(b->GetTotBytes()) / double(b->GetZipBytes()) : 1.0);
    t.rows.push_back({name, type, std::to_string(b->GetEntries()), TableView::bytes(double(b->GetTotBytes())),
                      TableView::bytes(double(b->GetZipBytes())), ratio});
  }
  return t.bundle("TTree " + std::string(tree.GetName()) + " \"" + tree.GetTitle() + "\": " + std::to_string(tree.GetEntries()) +
                  " entries, " + std::to_string(const_cast<TTree &>(tree).GetListOfBranches()->GetEntries()) + " branches");
}

// Pointers, as TFile::Open gives them.
inline cppnb::mime_bundle mime_bundle_repr(const TDirectory *dir) {
  if (!dir) return {{"text/plain", "(TFile *) nullptr"}};
  return mime_bundle_repr(*dir);
}
inline cppnb::mime_bundle mime_bundle_repr(const TTree *tree) {
  if (!tree) return {{"text/plain", "(TTree *) nullptr"}};
  return mime_bundle_repr(*tree);
}

} // namespace cppnb::root
