// `kubectl edit (TYPE NAME | TYPE/NAME | -f FILE)`, as kubectl v1.32's editor
// package (pkg/cmd/util/editor/editoptions.go) runs it. Map:
//   1. the objects: arguments or -f, fetched from the server (the latest version)
//   2. EditSession: the loop — write the file, run the editor, read it back, check,
//      patch, and on invalid objects open it again with the reasons in its header
//   3. the patch for one object (strategic merge, as for every built-in type) and
//      what kubectl prints
//   4. the command and its flags
//
// The file is /tmp/kubectl-edit-<random>.yaml (.json with -o json) on the host
// kubectl runs on, YAML with kubectl's comment header. The editor is KUBE_EDITOR,
// else EDITOR, else vi; a value with quotes or backslashes runs through
// `$SHELL -c 'VALUE "FILE"'` (CommandContext::launch_editor). vi and nano typed at
// the prompt open in the terminal: the session then suspends (CommandResult::resume)
// and goes on when the editor closes.
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "core/api/apiserver.h"
#include "core/api/patch.h"
#include "core/api/yaml.h"
#include "core/kubectl/command.h"
#include "core/kubectl/jsonpath.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/output.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"
#include "core/util/go_quote.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;
using Status = term::EditorOutcome::Status;

constexpr const char* kHeader =
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
    "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
    "# reopened with the relevant failures.\n"
    "#\n";

// ---- 1. the objects ------------------------------------------------------------------------
struct Target {
  const api::ResourceInfo* res = nullptr;
  std::string ns, name;
  Json object;  // as fetched, without managedFields
};

// The edited file without its comment lines (cmdutil.ManualStrip): lines whose first
// non-blank character is '#' go, "#!" lines stay.
std::string manual_strip(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i <= text.size()) {
    auto nl = text.find('\n', i);
    const bool last = nl == std::string::npos;
    if (last) nl = text.size();
    const std::string line = text.substr(i, nl - i);
    const auto first = line.find_first_not_of(" \t\r");
    const bool comment = first != std::string::npos && line[first] == '#' && line.compare(first, 2, "#!") != 0;
    if (!comment) out += line + (last ? "" : "\n");
    if (last) break;
    i = nl + 1;
  }
  return out;
}

// cmdutil.StripComments: the YAML as JSON (comments and layout gone), or the text
// without its comment lines when it does not parse.
std::string strip_comments(const std::string& text) {
  try {
    auto docs = api::parse_yaml_documents(text);
    return docs.empty() ? "null" : go_json_compact(docs[0]);
  } catch (const api::YamlError&) {
    return manual_strip(text);
  }
}

// The client-side check before anything is sent (the schema validator's parse and
// getObjectKind): the Go error text, "" when the file is an object with a kind.
std::string validation_error(const std::string& text) {
  Json obj;
  try {
    auto docs = api::parse_yaml_documents(text);
    if (!docs.empty()) obj = docs[0];
  } catch (const api::YamlError& e) {
    return e.what();
  }
  if (!obj.is_object()) return "invalid object to validate";
  std::vector<std::string> errs;
  if (!obj.contains("apiVersion") || obj["apiVersion"].is_null()) errs.push_back("apiVersion not set");
  else if (!obj["apiVersion"].is_string()) errs.push_back("apiVersion isn't string type");
  if (!obj.contains("kind") || obj["kind"].is_null()) errs.push_back("kind not set");
  else if (!obj["kind"].is_string()) errs.push_back("kind isn't string type");
  if (errs.size() == 1) return errs[0];
  if (errs.empty()) return "";
  return "[" + errs[0] + ", " + errs[1] + "]";  // utilerrors.NewAggregate
}

// hasLines: a line that is neither blank nor a comment.
bool has_lines(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto nl = text.find('\n', i);
    if (nl == std::string::npos) nl = text.size();
    const auto first = text.find_first_not_of(" \t\r", i);
    if (first != std::string::npos && first < nl && text[first] != '#') return true;
    i = nl + 1;
  }
  return false;
}

// hashOnLineBreak: a multi-line reason stays inside the comment.
std::string hash_on_line_break(const std::string& s) {
  std::string r;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' && i + 1 < s.size() && s[i + 1] != '#') r += "\n# ";
    else r += s[i];
  }
  return r;
}

// How the editor is started (editor.go's defaultEnvEditor): a bare program, a
// program with space-separated arguments, or a line for the shell.
struct EditorCommand {
  std::vector<std::string> args;
  bool via_shell = false;
};

EditorCommand editor_command(const std::map<std::string, std::string>& env) {
  std::string editor;
  for (const char* name : {"KUBE_EDITOR", "EDITOR"}) {
    auto it = env.find(name);
    if (it != env.end() && !it->second.empty()) {
      editor = it->second;
      break;
    }
  }
  if (editor.empty()) editor = "vi";
  EditorCommand c;
  if (editor.find(' ') == std::string::npos) {
    c.args = {editor};
  } else if (editor.find_first_of("\"'\\") == std::string::npos) {
    std::size_t i = 0;
    while (true) {  // strings.Split: empty pieces stay
      auto sp = editor.find(' ', i);
      c.args.push_back(editor.substr(i, sp == std::string::npos ? std::string::npos : sp - i));
      if (sp == std::string::npos) break;
      i = sp + 1;
    }
  } else {
    auto sh = env.find("SHELL");
    c.args = {sh != env.end() && !sh->second.empty() ? sh->second : "/bin/bash", "-c", editor};
    c.via_shell = true;
  }
  return c;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& a : v) s += (s.empty() ? "" : " ") + a;
  return s;
}

struct EditOptions {
  bool json = false;                         // -o json: the file is JSON, without the header
  OutputFormat print;                        // what is printed per object (default: "edited")
  bool output_patch = false, save_config = false, record = false;
  std::string change_cause, field_manager = "kubectl-edit", subresource, cmd_ns;
  api::FieldValidation validation = api::FieldValidation::Strict;
};

// ---- 2. the session ------------------------------------------------------------------------
class EditSession : public std::enable_shared_from_this<EditSession> {
 public:
  static constexpr int kMaxUnattendedPasses = 20;

  EditSession(Sandbox& sb, term::CommandContext ctx, EditOptions opts, std::vector<Target> targets)
      : sb_(sb), ctx_(std::move(ctx)), opts_(std::move(opts)), targets_(std::move(targets)) {}

  // Runs the loop until it ends or waits for an interactive editor.
  CommandResult run() {
    // kubectl would loop as long as the editor keeps producing new invalid edits; a
    // command-line editor that never settles would hang the sandbox, so it stops.
    for (int pass = 0;; ++pass) {
      if (pass == kMaxUnattendedPasses)
        return finish(preserved("kubectl edit gave up after " + std::to_string(pass) +
                                    " invalid edits in a row (a sandbox limit for editors that need no keys)",
                                reasons_file_));
      if (auto end = open_file()) return finish(*end);
      const term::EditorOutcome ran = ctx_.launch_editor(editor_.args, editor_.via_shell, file_);
      out_ += ran.output;
      if (ran.status == Status::Interactive) {
        auto self = shared_from_this();
        CommandResult r{std::exchange(out_, ""), 0};
        r.resume = [self] { return self->resume(); };
        return r;
      }
      if (auto end = after_editor(ran)) return finish(*end);
    }
  }

 private:
  // The editor closed: go on from where run() stopped.
  CommandResult resume() {
    if (auto end = after_editor(term::EditorOutcome{})) return finish(*end);
    return run();
  }

  CommandResult finish(int code) { return {std::exchange(out_, ""), code}; }

  // "A copy of your changes has been stored to ..." when path still exists, then
  // the error (preservedFile).
  int preserved(const std::string& error, const std::string& path) {
    if (!path.empty() && ctx_.fs->exists(path)) out_ += "A copy of your changes has been stored to " + util::go_quote(path) + "\n";
    out_ += "error: " + error + "\n";
    return 1;
  }

  // Writes this pass's file: the header (with the reasons of a failed pass) and the
  // objects, or after an error the file as edited. Sets an exit code when it cannot.
  std::optional<int> open_file() {
    if (!ctx_.fs || !ctx_.launch_editor) return preserved("the sandbox cannot run an editor here", reasons_file_);
    std::string buf;
    if (!opts_.json) {
      buf += kHeader;
      for (const auto& r : reasons_) {
        buf += "# " + hash_on_line_break(r.head) + (r.other.empty() ? "\n" : ":\n");
        for (const auto& o : r.other) buf += "# * " + hash_on_line_break(o) + "\n";
        buf += "#\n";
      }
    }
    if (!contains_error_) {
      Json obj;
      if (targets_.size() == 1) {
        obj = targets_[0].object;
      } else {
        std::vector<Json> items;
        for (const auto& t : targets_) items.push_back(t.object);
        obj = Json::object();
        obj["apiVersion"] = "v1";
        obj["items"] = items;
        obj["kind"] = "List";
        obj["metadata"] = Json::object();
      }
      buf += opts_.json ? api::to_json_pretty(obj) : api::to_yaml(obj);
      original_ = buf;
    } else {
      buf += manual_strip(edited_);
    }
    previous_edit_ = edited_;
    file_ = temp_name();
    if (auto err = ctx_.fs->write(file_, buf, false); !err.empty())
      return preserved("open " + file_ + ": " + err, reasons_file_);
    editor_ = editor_command(ctx_.env);
    return std::nullopt;
  }

  // /tmp/kubectl-edit-<uint32>.yaml, as os.CreateTemp names it; drawn from a stream
  // of the sandbox's seed.
  std::string temp_name() {
    const std::string ext = opts_.json ? ".json" : ".yaml";
    for (int attempt = 0;; ++attempt) {
      sim::Random rng = sim::Random(sb_.seed())
                            .fork("kubectl-edit/" + std::to_string(sb_.sim().now().us) + "/" +
                                  std::to_string(++draws_) + "/" + std::to_string(attempt));
      const std::string path = "/tmp/kubectl-edit-" + std::to_string(rng.next() & 0xffffffffu) + ext;
      if (!ctx_.fs->exists(path) || attempt > 100) return path;
    }
  }

  // What the editor left: checks, then the patches. nullopt: open the file again.
  std::optional<int> after_editor(const term::EditorOutcome& ran) {
    const std::string launched = joined(editor_.args);
    if (ran.status == Status::NotFound) return preserved("unable to launch the editor \"" + launched + "\"", reasons_file_);
    if (ran.exit_code != 0) return preserved("there was a problem with the editor \"" + launched + "\"", reasons_file_);
    auto rd = ctx_.fs->read(file_);
    if (!rd.data) return preserved("open " + file_ + ": no such file or directory", reasons_file_);
    edited_ = *rd.data;
    // Re-opened after an error and saved unchanged: give up, keeping the file.
    if (contains_error_ && strip_comments(previous_edit_) == strip_comments(edited_))
      return preserved("Edit cancelled, no valid changes were saved.", file_);
    if (!reasons_file_.empty() && reasons_file_ != file_) remove(reasons_file_);
    reasons_file_.clear();
    reasons_.clear();

    const std::string stripped = strip_comments(edited_);
    if (opts_.validation == api::FieldValidation::Strict) {
      const std::string verr = validation_error(stripped);
      if (!verr.empty()) {
        reasons_file_ = file_;
        contains_error_ = true;
        const Target& t = targets_[0];
        reasons_.push_back({t.res->qualified() + " " + util::go_quote(t.name) + " was not valid",
                            {"<nil>: Invalid value: \"The edited file failed validation\": " + verr}});
        out_ += "error: " + t.res->qualified() + " " + util::go_quote(t.name) + " is invalid\n";
        return std::nullopt;
      }
    }
    if (strip_comments(original_) == stripped) {
      remove(file_);
      out_ += "Edit cancelled, no changes made.\n";
      return 0;
    }
    if (!has_lines(edited_)) {
      remove(file_);
      out_ += "Edit cancelled, saved file was empty.\n";
      return 0;
    }
    reasons_file_ = file_;
    std::vector<Json> updated;
    std::string syntax;
    try {
      for (auto& doc : api::parse_yaml_documents(edited_)) {
        if (doc.is_object() && doc.value("kind", std::string()) == "List" && doc.contains("items") && doc["items"].is_array()) {
          for (auto& item : doc["items"]) updated.push_back(item);
        } else {
          updated.push_back(doc);
        }
      }
    } catch (const api::YamlError& e) {
      syntax = e.what();
    }
    for (const auto& obj : updated) {
      if (!syntax.empty()) break;
      if (!obj.is_object() || obj.value("kind", std::string()).empty()) syntax = "Object 'Kind' is missing in '" + go_json_compact(obj) + "'";
      else if (!sb_.api().registry().find_kind(obj.value("apiVersion", std::string()), obj.value("kind", std::string())))
        syntax = "resource mapping not found for name: \"" + api::meta::name(obj) + "\" namespace: \"" +
                 api::meta::namespace_of(obj) + "\" from \"edited-file\": no matches for kind \"" +
                 obj.value("kind", std::string()) + "\" in version \"" + obj.value("apiVersion", std::string()) +
                 "\"\nensure CRDs are installed first";
    }
    if (!syntax.empty()) {
      contains_error_ = true;
      reasons_.push_back({"The edited file had a syntax error: " + syntax, {}});
      return std::nullopt;
    }
    contains_error_ = false;
    return apply(updated);
  }

  void remove(const std::string& path) { ctx_.fs->remove(path, false); }

  struct Reason {
    std::string head;
    std::vector<std::string> other;
  };

  // ---- 3. patches ----------------------------------------------------------------------------
  std::optional<int> apply(std::vector<Json>& updated) {
    int retryable = 0, notfound = 0;
    bool invalid = false;
    for (auto& obj : updated) {
      const api::ResourceInfo* res =
          sb_.api().registry().find_kind(obj.value("apiVersion", std::string()), obj.value("kind", std::string()));
      if (res->namespaced) {
        const std::string ns = api::meta::namespace_of(obj);
        if (ns.empty()) {
          obj["metadata"]["namespace"] = opts_.cmd_ns;
        } else if (ns != opts_.cmd_ns) {
          return preserved("the namespace from the provided object \"" + ns + "\" does not match the namespace \"" +
                               opts_.cmd_ns + "\". You must pass '--namespace=" + ns + "' to perform this operation.",
                           file_);
        }
      }
    }
    for (auto& obj : updated) {
      if (opts_.save_config) obj = with_last_applied(obj);
      if (opts_.record) obj["metadata"]["annotations"]["kubernetes.io/change-cause"] = opts_.change_cause;
    }
    for (const auto& obj : updated) {
      const Target* orig = nullptr;
      for (const auto& t : targets_)
        if (api::meta::uid(t.object) == api::meta::uid(obj)) orig = &t;
      if (!orig)
        return preserved("no original object found for " + obj.value("kind", std::string()) + " " +
                             util::go_quote(api::meta::name(obj)),
                         file_);
      if (orig->object == obj) {
        print(*orig->res, obj, "skipped");
        continue;
      }
      const Json& before = orig->object;
      auto same = [&](const char* key) { return before.value(key, Json()) == obj.value(key, Json()); };
      const Json& bm = before["metadata"];
      const Json om = obj.contains("metadata") ? obj["metadata"] : Json::object();
      if (!same("apiVersion") || !same("kind") || bm.value("name", Json()) != om.value("name", Json()) ||
          bm.value("managedFields", Json()) != om.value("managedFields", Json()))
        return preserved("At least one of apiVersion, kind and name was changed", file_);
      const Json patch = api::patch::create_two_way_merge_patch(
          before, obj, api::patch::builtin_strategy(orig->res->api_version(), orig->res->kind));
      if (opts_.output_patch) out_ += "Patch: " + go_json_compact(patch) + "\n";
      api::WriteOptions w;
      w.field_manager = opts_.field_manager;
      w.validation = opts_.validation;
      w.subresource = opts_.subresource;
      try {
        api::ObjectPtr after = sb_.api().patch(*orig->res, orig->ns, orig->name, api::PatchType::Strategic, patch, w);
        out_ += warnings(sb_);
        print(*orig->res, *after, "edited");
      } catch (const api::ApiError& e) {
        const std::string what = orig->res->qualified() + " " + util::go_quote(orig->name);
        if (e.reason() == "Invalid") {
          invalid = true;
          Reason r{what + " was not valid", {}};
          const Json& d = e.details();
          if (d.is_object() && d.contains("causes") && d["causes"].is_array())
            for (const auto& c : d["causes"])
              r.other.push_back(c.value("field", std::string()) + ": " + c.value("message", std::string()));
          reasons_.push_back(std::move(r));
          out_ += "error: " + what + " is invalid\n";
        } else if (e.reason() == "NotFound") {
          ++notfound;
          out_ += "error: " + what + " could not be found on the server\n";
        } else {
          ++retryable;
          out_ += "error: " + what + " could not be patched: " + e.message() + "\n";
        }
      }
    }
    if (retryable > 0) {
      out_ += "You can run `kubectl replace -f " + file_ + "` to try this update again.\n";
      return 1;
    }
    if (notfound > 0) {
      out_ += "The edits you made on deleted resources have been saved to " + util::go_quote(file_) + "\n";
      return 1;
    }
    if (!invalid) {
      remove(file_);
      return 0;
    }
    contains_error_ = true;
    return std::nullopt;
  }

  void print(const api::ResourceInfo& res, const Json& obj, const char* operation) {
    if (opts_.print.kind == OutputFormat::Kind::Default) {
      out_ += kind_name(res, api::meta::name(obj)) + " " + operation + "\n";
      return;
    }
    std::string error;
    out_ += print_structured(opts_.print, for_output(obj), error) + error;
  }

  Sandbox& sb_;
  term::CommandContext ctx_;
  EditOptions opts_;
  std::vector<Target> targets_;
  EditorCommand editor_;
  std::string out_;            // what kubectl printed since the last hand-over
  std::string original_;       // the first pass's file
  std::string edited_;         // the file as the editor left it
  std::string previous_edit_;  // the edit the last pass started from
  std::string file_;           // this pass's file
  std::string reasons_file_;   // the file of a failed pass (kept for "A copy …")
  std::vector<Reason> reasons_;
  bool contains_error_ = false;
  int draws_ = 0;
};

// ---- 4. the command ----------------------------------------------------------------------------
CommandResult run_edit(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  std::string out;
  EditOptions opts;
  if (a.has("record")) {
    out += "Flag --record has been deprecated, --record will be removed in the future\n";
    opts.record = a.flag("record");
    opts.change_cause = record_cause(inv);
  }
  const std::string format = a.str("output");
  if (!format.empty() && format != "yaml" && format != "json")
    return fail(out + "error: unable to match a printer suitable for the output format \"" + format +
                "\", allowed formats are: json,yaml\n");
  opts.json = format == "json";
  std::string error;
  opts.print = parse_output(a, false, error);
  if (!error.empty()) return fail(out + error);
  opts.subresource = a.str("subresource");
  opts.output_patch = a.flag("output-patch");
  opts.save_config = a.flag("save-config");
  opts.field_manager = a.str("field-manager", "kubectl-edit");
  opts.validation = validation_mode(a);
  opts.cmd_ns = inv.ns();

  auto& api = inv.sb.api();
  std::vector<Target> targets;
  std::string errors;
  auto fetch = [&](const api::ResourceInfo& res, const std::string& ns, const std::string& name) {
    // --subresource: the GET goes to TYPE/NAME/SUBRESOURCE.
    if (!opts.subresource.empty() && !res.has_subresource(opts.subresource)) {
      errors += "Error from server (NotFound): the server could not find the requested resource\n";
      return;
    }
    if (opts.subresource == "scale") {  // FIXME: edit the autoscaling/v1 Scale object
      errors += "error: kubectl edit --subresource=scale is not available in this sandbox yet\n";
      return;
    }
    try {
      Target t{&res, ns, name, Json()};
      t.object = for_output(*api.get(res, ns, name));
      targets.push_back(std::move(t));
    } catch (const api::ApiError& e) {
      errors += server_error(with_missing_namespace(api, res, ns, e));
    }
  };
  const auto files = a.list("filename");
  if (!files.empty()) {
    if (!a.positional.empty())
      return fail(out + "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n");
    Manifests m = read_manifests(inv.ctx, files, a.flag("recursive"));
    for (const auto& item : m.items) {
      WriteTarget t = write_target(inv, item.object, item.source);
      if (!t.error.empty()) errors += t.error;
      else fetch(*t.res, t.ns, t.name);
    }
    errors += m.error;
  } else {
    ResourceArgs ra = resolve_resource_args(inv, a.positional);
    if (!ra.error.empty()) return fail(out + ra.error);
    if (ra.refs.empty())
      return fail(out +
                  "error: You must provide one or more resources by argument or filename.\nExample resource "
                  "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   "
                  "'<resource>'\n");
    for (const auto& ref : ra.refs) {
      const std::string ns = ref.res->namespaced ? inv.ns() : "";
      if (!ref.name.empty()) {
        fetch(*ref.res, ns, ref.name);
        continue;
      }
      const api::ListResult all = api.list(*ref.res, ns);
      for (const auto& obj : all.items) fetch(*ref.res, ns, api::meta::name(*obj));
    }
  }
  if (!errors.empty()) return fail(out + errors);
  if (targets.empty()) return fail(out + "error: edit cancelled, no objects found\n");
  auto session = std::make_shared<EditSession>(inv.sb, inv.ctx, std::move(opts), std::move(targets));
  CommandResult r = session->run();
  r.output = out + r.output;
  return r;
}

}  // namespace

Command edit_command() {
  std::vector<FlagSpec> f = output_flags();
  auto more = filename_flags();
  f.insert(f.end(), more.begin(), more.end());
  f.insert(f.end(), {validate_flag(),
                     {"output-patch", 0, K::Bool, "false"},
                     {"windows-line-endings", 0, K::Bool, "false"},
                     {"field-manager", 0, K::String, "kubectl-edit"},
                     {"save-config", 0, K::Bool, "false"},
                     {"subresource", 0, K::String, ""},
                     {"record", 0, K::Bool, "false"}});
  return {"edit", f, run_edit, {}, {"kustomize", "windows-line-endings"}};
}

}  // namespace kt::kubectl
