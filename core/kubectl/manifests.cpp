// resource.Builder's FilenameParam visitor over a term::FileSystem.
#include "core/kubectl/manifests.h"

#include "core/api/yaml.h"

namespace kt::kubectl {
namespace {

bool manifest_extension(const std::string& name) {
  for (const char* ext : {".json", ".yaml", ".yml"}) {
    std::string e = ext;
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

// Parses one stream; appends its objects (List items flattened) or sets out.error.
void add_documents(const std::string& text, const std::string& source, Manifests& out) {
  try {
    for (auto& doc : api::parse_yaml_documents(text)) {
      // (kind may be any JSON value here: write_target reports the ones that are not strings)
      if (doc.is_object() && doc.contains("kind") && doc["kind"] == "List" && doc.contains("items") &&
          doc["items"].is_array()) {
        for (auto& item : doc["items"]) out.items.push_back({item, source});
      } else {
        out.items.push_back({std::move(doc), source});
      }
    }
  } catch (const api::YamlError& e) {
    for (const auto& doc : e.parsed()) out.items.push_back({doc, source});
    out.error = "error: error parsing " + source + ": " + e.what() + "\n";
  }
}

void visit(const term::CommandContext& ctx, const std::string& path, bool recursive, bool top, Manifests& out) {
  if (ctx.fs->is_dir(path)) {
    for (const auto& name : ctx.fs->list(path)) {
      std::string child = path + (path.back() == '/' ? "" : "/") + name;
      if (ctx.fs->is_dir(child)) {
        if (recursive) visit(ctx, child, recursive, false, out);
      } else if (manifest_extension(name)) {
        visit(ctx, child, recursive, false, out);
      }
      if (!out.error.empty()) return;
    }
    return;
  }
  auto r = ctx.fs->read(path);
  if (!r.data) {
    out.error = top ? "error: the path \"" + path + "\" does not exist\n" : "error: " + path + ": " + r.error + "\n";
    return;
  }
  add_documents(*r.data, path, out);
}

}  // namespace

Manifests read_manifests(const term::CommandContext& ctx, const std::vector<std::string>& paths, bool recursive) {
  Manifests out;
  for (const auto& p : paths) {
    if (p == "-") {
      add_documents(ctx.stdin_data.value_or(""), "STDIN", out);
    } else if (!ctx.fs || !ctx.fs->exists(p)) {
      out.error = "error: the path \"" + p + "\" does not exist\n";
    } else {
      visit(ctx, p, recursive, true, out);
    }
    if (!out.error.empty()) break;
  }
  return out;
}

}  // namespace kt::kubectl
