// What the `kubectl set` commands (image, env, resources) share (workload_edit.cpp),
// as kubectl's resource.Builder and the commands' Run loops do it:
//   - the objects the command line names: TYPE/NAME ..., TYPE NAME ..., TYPE -l SEL,
//     TYPE --all, or -f FILE (read from the server; with --local, the file's objects
//     as they are, in -n's namespace when they name none); every object that cannot be
//     read is an error, and then nothing is changed;
//   - the pod spec inside each (its own spec for a Pod), cobra's container glob;
//   - the write back of each changed object, in order, with kubectl's
//     "<kind>/<name> <what>[ (dry run)]" line or the object in -o's format; objects
//     without a change are skipped silently; per-object errors are gathered and printed
//     last, as cmdutil.CheckErr prints an aggregate.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/kubectl/command.h"

namespace kt::kubectl {


// Errors as cmdutil.CheckErr prints utilerrors.NewAggregate(errs): one error alone as
// itself (with "error: " in front when it has none, a newline after when it has none),
// several each on a line of its own, as they are.
class ErrorList;

// One object a command names: read, or (obj null) the standard error line that says
// why not ("Error from server (NotFound): ...").
struct Workload {
  const api::ResourceInfo* res = nullptr;
  api::ObjectPtr obj;
  std::string missing = {};
};

class ErrorList {
 public:
  // A message that prints as it is ("Error from server (NotFound): ..."): the API's errors.
  void add_standard(std::string msg);
  // A Go error's text ("unable to find container named x").
  void add(std::string msg) { errs_.emplace_back(std::move(msg), false); }
  bool empty() const { return errs_.empty(); }
  std::string text() const;

 private:
  std::vector<std::pair<std::string, bool>> errs_;  // message, standard
};

// What --local does with resource arguments: `set env` leaves them to the builder,
// which ignores them; `set image|resources` refuse them (resource.LocalResourceError).
enum class LocalArgs { Ignored, Rejected };

struct Workloads {
  std::vector<Workload> items;  // in the builder's order, the unreadable ones included
  std::string error;            // kubectl's lines when the command line names no objects

  // What the `set` commands print when not every object could be read (they then
  // change none): `error`, else the objects' errors; "" when all were read.
  std::string failure() const;
};

// The objects named by `resources`, -l/--selector, --all, -f/-R and --local.
// `type_selects_all`: a TYPE without names means all its objects (rollout's builder).
Workloads find_workloads(Invocation& inv, const std::vector<std::string>& resources, LocalArgs local_args,
                         bool type_selects_all = false);

// The pod spec inside a workload (its own spec for a Pod); null when the kind has none.
Json* pod_spec(Json& obj);
// UpdatePodSpecForObject's error for a kind without a pod template:
// "the object is not a pod or does not have a pod template: *v1.Service".
std::string no_pod_template(const api::ResourceInfo& res);
// -c's shell glob on container names ("*" by default).
bool glob_match(const std::string& pat, const std::string& s);

// One object after the command's change (`after` equals *w.obj when nothing changed),
// or `error`, printed as "error: <resource>/<name> <error>".
struct Edit {
  Workload w;
  Json after;
  std::string error;
};

// Each found object's Edit: `change` edits the pod template spec of a copy (the Edit
// and that spec); an object without one gets no_pod_template's error instead.
std::vector<Edit> edit_pod_templates(const Workloads& found, const std::function<void(Edit&, Json& spec)>& change);

// How the changed objects are written and printed.
struct WriteSpec {
  std::string what;          // "env updated": the line after "deployment.apps/x"
  std::string patch_failed;  // "failed to patch env update to pod template: "
  // An error that ends the command after the first object written to the server
  // (set env's "at least one environment variable must be provided").
  std::string after_first_write = {};
  // Whether an object without a change is passed over silently (set serviceaccount
  // sends its empty patch and reports the object all the same).
  bool skip_unchanged = true;
};

// Writes every changed object in order (honouring --local, --dry-run, -o), then
// appends `errs` as kubectl prints them; `out` is what the command printed before.
CommandResult write_edits(Invocation& inv, const std::vector<Edit>& edits, const WriteSpec& spec, ErrorList errs,
                          std::string out = "");

// The flags `set image|env|resources` share, after each command's own:
// --all, -l, --local, -o (with its template flags), --dry-run, -f/-R, --field-manager.
std::vector<FlagSpec> set_common_flags(std::vector<FlagSpec> own);
// Flags of the common set the sandbox does not implement yet.
std::vector<std::string> set_unsupported_flags();

// `kubectl set image` (set_image.cpp) and `set serviceaccount` (set_serviceaccount.cpp);
// `set env|resources` are in command.h.
Command set_image_command();
Command set_serviceaccount_command();

// The checks of --dry-run and -o kubectl makes before it reads any object (Complete);
// "" or the error line.
std::string check_set_output(const Invocation& inv);
// Validate's "cannot specify --local and --dry-run=server ..." line, or "".
std::string local_server_error(const Invocation& inv);

}  // namespace kt::kubectl
