// batch/v1 Job and CronJob strategies and the cron schedule check.
#include <catch2/catch.hpp>

#include "core/api/kinds/cron_schedule.h"
#include "tests/unit/kinds_test_util.h"

using kt::Json;
using kt::test::Kind;

namespace {

const std::string kUid = "3c6c0d8f-6bd5-4b0e-9d1f-7a2f1c1e9a00";

// The body `kubectl create job pi --image=perl` sends.
Json job_body() {
  return Json::parse(R"({"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","namespace":"default"},
    "spec":{"template":{"metadata":{},"spec":{"containers":[{"image":"perl","name":"pi","resources":{}}],
    "restartPolicy":"Never"}}},"status":{}})");
}

// The body `kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *"` sends.
Json cronjob_body() {
  return Json::parse(R"({"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"hello","namespace":"default"},
    "spec":{"jobTemplate":{"metadata":{"name":"hello"},"spec":{"template":{"metadata":{},"spec":{"containers":[
    {"image":"busybox","name":"hello","resources":{}}],"restartPolicy":"OnFailure"}}}},"schedule":"*/1 * * * *"},
    "status":{}})");
}

}  // namespace

TEST_CASE("Job defaults and generated selector match a v1.32 job", "[kinds]") {
  Kind k("batch/v1", "Job");
  Json got = k.create_with_uid(job_body(), kUid);
  Json want = Json::parse(R"({
    "apiVersion": "batch/v1", "kind": "Job",
    "metadata": {"labels": {"batch.kubernetes.io/controller-uid": "UID", "batch.kubernetes.io/job-name": "pi",
                            "controller-uid": "UID", "job-name": "pi"},
                 "name": "pi", "namespace": "default", "uid": "UID"},
    "spec": {
      "backoffLimit": 6, "completionMode": "NonIndexed", "completions": 1, "parallelism": 1,
      "podReplacementPolicy": "TerminatingOrFailed",
      "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "UID"}},
      "suspend": false,
      "template": {
        "metadata": {"creationTimestamp": null,
                     "labels": {"batch.kubernetes.io/controller-uid": "UID", "batch.kubernetes.io/job-name": "pi",
                                "controller-uid": "UID", "job-name": "pi"}},
        "spec": {
          "containers": [{"image": "perl", "imagePullPolicy": "Always", "name": "pi", "resources": {},
                          "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}],
          "dnsPolicy": "ClusterFirst", "restartPolicy": "Never", "schedulerName": "default-scheduler",
          "securityContext": {}, "terminationGracePeriodSeconds": 30
        }
      }
    },
    "status": {}
  })");
  std::string text = want.dump();
  for (std::size_t pos; (pos = text.find("UID")) != std::string::npos;) text.replace(pos, 3, kUid);
  CHECK(got == Json::parse(text));
  CHECK(k.validate(got).empty());
}

TEST_CASE("Job restart policy and spec messages", "[kinds]") {
  Kind k("batch/v1", "Job");
  Json always = job_body();
  always["spec"]["template"]["spec"].erase("restartPolicy");
  CHECK(k.create_error(always, kUid) ==
        "Job.batch \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", "
        "\"Never\"");
  Json other = job_body();
  other["spec"]["template"]["spec"]["restartPolicy"] = "Sometimes";
  CHECK(k.create_error(other, kUid) ==
        "Job.batch \"pi\" is invalid: [spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported "
        "values: \"Always\", \"OnFailure\", \"Never\", spec.template.spec.restartPolicy: Unsupported value: "
        "\"Sometimes\": supported values: \"OnFailure\", \"Never\"]");
  Json negative = job_body();
  negative["spec"]["backoffLimit"] = -1;
  CHECK(k.create_error(negative, kUid) ==
        "Job.batch \"pi\" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0");
  Json manual = job_body();
  manual["spec"]["manualSelector"] = true;
  CHECK(k.create_error(manual, kUid) ==
        "Job.batch \"pi\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: "
        "map[string]string(nil): `selector` does not match template `labels`]");
}

TEST_CASE("Job updates: template, completions and selector are immutable", "[kinds]") {
  Kind k("batch/v1", "Job");
  Json old = k.create_with_uid(job_body(), kUid);
  Json image = old;
  image["spec"]["template"]["spec"]["containers"][0]["image"] = "perl:5.34";
  CHECK(
      k.update_error(image, old) ==
      "Job.batch \"pi\" is invalid: spec.template: Invalid value: core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{...}, "
      "Spec:core.PodSpec{...}}: field is immutable");
  Json completions = old;
  completions["spec"]["completions"] = 3;
  CHECK(k.update_error(completions, old) ==
        "Job.batch \"pi\" is invalid: spec.completions: Invalid value: 3: field is immutable");
  Json parallel = old;
  parallel["spec"]["parallelism"] = 2;
  CHECK(k.update_error(parallel, old).empty());

  // A suspended job that never started may change its node selector.
  Json suspended = old;
  suspended["spec"]["suspend"] = true;
  Json moved = suspended;
  moved["spec"]["template"]["spec"]["nodeSelector"] = {{"disk", "ssd"}};
  CHECK(k.update_error(moved, suspended).empty());
}

TEST_CASE("CronJob defaults match kubectl create cronjob on v1.32", "[kinds]") {
  Kind k("batch/v1", "CronJob");
  Json got = k.create(cronjob_body());
  Json want = Json::parse(R"({
    "apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "hello", "namespace": "default"},
    "spec": {
      "concurrencyPolicy": "Allow", "failedJobsHistoryLimit": 1,
      "jobTemplate": {
        "metadata": {"creationTimestamp": null, "name": "hello"},
        "spec": {"template": {
          "metadata": {"creationTimestamp": null},
          "spec": {
            "containers": [{"image": "busybox", "imagePullPolicy": "Always", "name": "hello", "resources": {},
                            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}],
            "dnsPolicy": "ClusterFirst", "restartPolicy": "OnFailure", "schedulerName": "default-scheduler",
            "securityContext": {}, "terminationGracePeriodSeconds": 30
          }}}
      },
      "schedule": "*/1 * * * *", "successfulJobsHistoryLimit": 3, "suspend": false
    },
    "status": {}
  })");
  CHECK(got == want);
  CHECK(k.validate(got).empty());
}

TEST_CASE("CronJob schedule and template messages", "[kinds]") {
  Kind k("batch/v1", "CronJob");
  auto with_schedule = [&](const std::string& s) {
    Json cj = cronjob_body();
    cj["spec"]["schedule"] = s;
    return k.create_error(cj);
  };
  CHECK(with_schedule("x") ==
        "CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: \"x\": expected exactly 5 fields, found 1: "
        "[x]");
  CHECK(with_schedule("61 * * * *") ==
        "CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above "
        "maximum (59): 61");
  CHECK(with_schedule("* * * * mon-x") ==
        "CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: \"* * * * mon-x\": failed to parse int from "
        "x: strconv.Atoi: parsing \"x\": invalid syntax");
  CHECK(with_schedule("@daily").empty());
  CHECK(with_schedule("TZ=UTC 0 * * * *") ==
        "CronJob.batch \"hello\" is invalid: spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or "
        "CRON_TZ in schedule, use timeZone field instead");

  Json no_schedule = cronjob_body();
  no_schedule["spec"].erase("schedule");
  CHECK(k.create_error(no_schedule) == "CronJob.batch \"hello\" is invalid: spec.schedule: Required value");

  Json always = cronjob_body();
  always["spec"]["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"] = "Always";
  CHECK(k.create_error(always) ==
        "CronJob.batch \"hello\" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid "
        "values: \"OnFailure\", \"Never\"");

  Json long_name = cronjob_body();
  long_name["metadata"]["name"] = std::string(53, 'a');
  CHECK(k.create_error(long_name) == "CronJob.batch \"" + std::string(53, 'a') +
                                         "\" is invalid: metadata.name: Invalid value: \"" + std::string(53, 'a') +
                                         "\": must be no more than 52 characters");

  Json policy = cronjob_body();
  policy["spec"]["concurrencyPolicy"] = "Never";
  CHECK(k.create_error(policy) ==
        "CronJob.batch \"hello\" is invalid: spec.concurrencyPolicy: Unsupported value: \"Never\": supported values: "
        "\"Allow\", \"Forbid\", \"Replace\"");
}

TEST_CASE("valid_cron_schedule accepts standard syntax and explains errors", "[kinds]") {
  using kt::api::kinds::valid_cron_schedule;
  std::string err;
  CHECK(valid_cron_schedule("*/5 0-6,22 1 jan-mar MON-fri", &err));
  CHECK(valid_cron_schedule("@every 1h30m", &err));
  CHECK_FALSE(valid_cron_schedule("", &err));
  CHECK(err == "empty spec string");
  CHECK_FALSE(valid_cron_schedule("* * * *", &err));
  CHECK(err == "expected exactly 5 fields, found 4: [* * * *]");
  CHECK_FALSE(valid_cron_schedule("0 0 0 * *", &err));
  CHECK(err == "beginning of range (0) below minimum (1): 0");
  CHECK_FALSE(valid_cron_schedule("5-1 * * * *", &err));
  CHECK(err == "beginning of range (5) beyond end of range (1): 5-1");
  CHECK_FALSE(valid_cron_schedule("*/0 * * * *", &err));
  CHECK(err == "step of range should be a positive number: */0");
  CHECK_FALSE(valid_cron_schedule("1-2-3 * * * *", &err));
  CHECK(err == "too many hyphens: 1-2-3");
  CHECK_FALSE(valid_cron_schedule("@sometimes", &err));
  CHECK(err == "unrecognized descriptor: @sometimes");
}
