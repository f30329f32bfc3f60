// A command that keeps running while virtual time passes: `kubectl get -w`,
// `kubectl logs -f`, `kubectl rollout status`, `sleep`, and (later) port-forward.
//
// A command hands a Job back (CommandResult::job) once it has printed what it has.
// Who drives the job depends on where the command runs:
//  - The whole line of an interactive terminal (the browser, `kubetab shell`): the
//    Terminal keeps it in the foreground and calls poll() after each advance of the
//    simulator (Terminal::tick); Ctrl-C stops it (exit status 130).
//  - `cmd &`: the shell keeps it as a background job (jobs, kill %N, fg) and polls it
//    as time passes; a job that holds a resource (a forwarded port) holds it until it
//    ends or is stopped.
//  - Anywhere else (a pipeline, `$(…)`, a script, `kubetab run`, a test's Shell::run):
//    run_to_end() fast-forwards virtual time in 1 s steps until the job is done or
//    its batch_limit() has passed, so transcripts stay finite and deterministic.
//
// Everything happens on the simulator's clock: no threads, no wall clock.
//
// Writing one (kubectl port-forward, say): the handler does its checks, prints what
// comes at once into CommandResult::output and returns the rest as
// CommandResult::job; the shell's kubectl hands it on (Invocation::run_job in
// shell_state.h). A job that holds something (a forwarded port, a watch) takes it in
// its constructor and gives it back in stop() and its destructor: stop() runs on
// Ctrl-C, on `kill %N` and when run_to_end gives up, and the shell drops a job once
// it has ended. done() stays false for a job that only ends when stopped (get -w,
// port-forward); batch_limit() then says how long a script lets it run.
#pragma once

#include <memory>
#include <string>

#include "core/sim/time.h"

namespace kt {
class Sandbox;

class Job {
 public:
  virtual ~Job() = default;
  // What the command printed since the last call, as of the simulator's now.
  virtual std::string poll() = 0;
  // It ended by itself; the last poll() returned its last output.
  virtual bool done() const = 0;
  // The exit status once done (or after a batch timeout).
  virtual int exit_code() const { return 0; }
  // Ctrl-C or kill: stop now and release what the job holds (watches, ports).
  virtual void stop() {}
  // The most virtual time run_to_end lets pass before it gives up on the job.
  virtual sim::Duration batch_limit() const = 0;
  // run_to_end gave up: what the command prints then, and its exit status.
  virtual std::string on_batch_timeout(int& exit_code) {
    exit_code = 0;
    return "";
  }
};
using JobPtr = std::shared_ptr<Job>;

struct JobResult {
  std::string output;
  int exit_code = 0;
};
// Fast-forward: polls the job, advancing the sandbox 1 s at a time (the last step
// shorter, to end exactly at the limit), until it is done or batch_limit() passed.
JobResult run_to_end(Sandbox& sandbox, Job& job);

}  // namespace kt
