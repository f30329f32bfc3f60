// Inside containers, through the terminal: kubectl exec and run -i -t, the image's
// files and programs, volumes (configMap, emptyDir, PV on an NFS export) and data
// that outlives the pod, nginx serving what exec wrote, DNS from a busybox pod.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

// Applies a manifest through the terminal and lets the cluster run.
void apply(ShellFixture& f, const std::string& yaml, int seconds = 20) { f.apply(yaml, sim::seconds(seconds)); }

std::string phase(Sandbox& sb, const std::string& pod) {
  auto p = sb.api().try_get(sb.api().resource("", "pods"), "default", pod);
  return p ? api::str_field(*p, {"status", "phase"}) : "<gone>";
}

}  // namespace

TEST_CASE("kubectl exec runs the image's programs in the container's own files", "[exec][container]") {
  ShellFixture f;
  REQUIRE(f.out("kubectl run web --image=nginx:1.15-alpine") == "pod/web created\n");
  f.sandbox.advance(sim::seconds(30));
  REQUIRE(phase(f.sandbox, "web") == "Running");
  CHECK(f.out("kubectl exec web -- nginx -v") == "nginx version: nginx/1.15.12\n");
  CHECK(f.out("kubectl exec web -- hostname") == "web\n");
  CHECK(f.out("kubectl exec web -- cat /etc/hostname") == "web\n");
  CHECK(f.out("kubectl exec web -- cat /etc/resolv.conf") ==
        "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
  CHECK(f.out("kubectl exec web -- sh -c 'echo $HOSTNAME $NGINX_VERSION $KUBERNETES_SERVICE_HOST'") ==
        "web 1.15.12 10.96.0.1\n");
  CHECK(f.out("kubectl exec web -- ls /usr/share/nginx/html") == "50x.html\nindex.html\n");
  // What exec writes, nginx serves: inside the pod and from the machines.
  CHECK(f.out("kubectl exec web -- sh -c 'echo hello $(hostname) > /usr/share/nginx/html/index.html'") == "");
  CHECK(f.out("kubectl exec -it web -- curl -s localhost") == "hello web\n");
  const std::string ip = api::str_field(*f.sandbox.api().get(f.sandbox.api().resource("", "pods"), "default", "web"),
                                        {"status", "podIP"});
  CHECK(f.out("curl -s " + ip) == "hello web\n");
  CHECK(f.out("kubectl exec web -- rm /usr/share/nginx/html/index.html") == "");
  CHECK(f.out("curl -s " + ip + " | grep -o '403 Forbidden' | head -1") == "403 Forbidden\n");
  // The machine's files are not the container's.
  CHECK(f.out("kubectl exec web -- cat /etc/centos-release") ==
        "cat: can't open '/etc/centos-release': No such file or directory\ncommand terminated with exit code 1\n");
}

TEST_CASE("kubectl exec errors are v1.32's", "[exec][container]") {
  ShellFixture f;
  f.out("kubectl run web --image=nginx:1.15-alpine");
  f.sandbox.advance(sim::seconds(30));
  CHECK(f.out("kubectl exec web") == "error: you must specify at least one command for the container\n");
  CHECK(f.out("kubectl exec web ls") ==
        "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n"
        "See 'kubectl exec -h' for help and examples\n");
  CHECK(f.out("kubectl exec nosuch -- ls") == "Error from server (NotFound): pods \"nosuch\" not found\n");
  CHECK(f.out("kubectl exec web -c other -- ls") ==
        "Error from server (BadRequest): container other is not valid for pod web\n");
  const auto r = f.shell.run("kubectl exec web -- bash");
  CHECK(r.exit_code == 1);
  CHECK(r.output.rfind("error: Internal error occurred: Internal error occurred: error executing command in container: "
                       "failed to exec in container: failed to start exec \"", 0) == 0);
  CHECK(r.output.find("OCI runtime exec failed: exec failed: unable to start container process: exec: \"bash\": "
                      "executable file not found in $PATH: unknown\n") != std::string::npos);
  CHECK(f.out("kubectl exec web -- sh -c 'bash; exit 3'") == "sh: bash: not found\ncommand terminated with exit code 3\n");
  CHECK(f.code("kubectl exec web -- sh -c 'exit 3'") == 3);
  CHECK(f.out("kubectl exec web -- kubectl get pods").find("exec: \"kubectl\": executable file not found in $PATH") !=
        std::string::npos);
  // A distroless control-plane image has no shell at all.
  CHECK(f.out("kubectl exec -n kube-system etcd-k8s-master -- ls").find("exec: \"ls\": executable file not found") !=
        std::string::npos);
  // A pod still being created.
  f.out("kubectl run slow --image=perl");
  CHECK(f.out("kubectl exec slow -- ls") == "error: unable to upgrade connection: container not found (\"slow\")\n");
}

TEST_CASE("kubectl exec -it sh opens a shell in the container until exit", "[exec][container]") {
  ShellFixture f;
  f.out("kubectl run box --image=busybox -- sleep 3600");
  f.out("kubectl run web --image=nginx:1.27");
  f.sandbox.advance(sim::seconds(40));
  const std::string login = f.shell.prompt();
  CHECK(f.out("kubectl exec -it box -- sh") == "");
  CHECK(f.shell.prompt() == "/ # ");
  CHECK(f.out("hostname") == "box\n");
  CHECK(f.out("cd /tmp && echo hi > f && ls") == "f\n");
  CHECK(f.shell.prompt() == "/tmp # ");
  CHECK(f.out("kubectl get pods") == "sh: kubectl: not found\n");
  CHECK(f.out("exit") == "");
  CHECK(f.shell.prompt() == login);
  // bash in a Debian-based image: its prompt, its messages, "exit".
  CHECK(f.out("kubectl exec -it web -- bash") == "");
  CHECK(f.shell.prompt() == "root@web:/# ");
  CHECK(f.out("nslookup x") == "bash: nslookup: command not found\n");
  CHECK(f.out("exit") == "exit\n");
  CHECK(f.shell.prompt() == login);
  // A file written in the container stays in that container.
  CHECK(f.out("kubectl exec box -- cat /tmp/f") == "hi\n");
}

TEST_CASE("kubectl run -i --tty --rm: a busybox shell resolves the cluster's names, then the pod goes", "[exec][container][dns]") {
  ShellFixture f;
  apply(f,
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector:\n    app: nginx\n"
        "  ports:\n  - port: 80\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n"
        "  serviceName: nginx\n  replicas: 2\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n"
        "      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.9.1\n",
        60);
  const auto ip0 = api::str_field(*f.sandbox.api().get(f.sandbox.api().resource("", "pods"), "default", "web-0"),
                                  {"status", "podIP"});
  CHECK(f.out("kubectl exec web-0 -- sh -c 'hostname'") == "web-0\n");
  CHECK(f.out("kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm /bin/sh") ==
        "If you don't see a command prompt, try pressing enter.\n");
  CHECK(f.shell.prompt() == "/ # ");
  CHECK(f.out("nslookup web-0.nginx") ==
        "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web-0.nginx\n"
        "Address 1: " + ip0 + " web-0.nginx.default.svc.cluster.local\n");
  CHECK(f.out("nslookup nosuch") ==
        "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n"
        "nslookup: can't resolve 'nosuch'\n");
  CHECK(f.out("wget -qO- web-0.nginx | grep -c '<h1>Welcome to nginx'") == "1\n");
  CHECK(f.out("wget -qO- nginx:81") == "wget: can't connect to remote host (" + ip0 + "): Connection refused\n");
  CHECK(f.out("exit") ==
        "Session ended, resume using 'kubectl attach dns-test -c dns-test -i -t' command when the pod is running\n"
        "pod \"dns-test\" deleted\n");
  f.sandbox.advance(sim::seconds(40));
  CHECK(phase(f.sandbox, "dns-test") == "<gone>");
  // The current busybox prints its answers the newer way.
  CHECK(f.out("kubectl run -i --rm --image busybox lookup --restart=Never -- nslookup web-1.nginx").find(
            "Name:\tweb-1.nginx.default.svc.cluster.local\nAddress: ") != std::string::npos);
}

TEST_CASE("a PV on an NFS export keeps what a pod wrote; the export is the master's directory", "[exec][container][storage]") {
  ShellFixture f;
  f.out("mkdir -p /data/k8s/pv1");
  apply(f,
        "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv1\nspec:\n  capacity:\n    storage: 1Gi\n"
        "  accessModes: [ReadWriteOnce]\n  nfs:\n    server: 172.31.0.4\n    path: /data/k8s/pv1\n---\n"
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: www\nspec:\n  accessModes: [ReadWriteOnce]\n"
        "  storageClassName: \"\"\n  resources:\n    requests:\n      storage: 1Gi\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.9.1\n"
        "    volumeMounts:\n    - name: www\n      mountPath: /usr/share/nginx/html\n  volumes:\n  - name: www\n"
        "    persistentVolumeClaim:\n      claimName: www\n",
        40);
  REQUIRE(phase(f.sandbox, "web") == "Running");
  CHECK(f.out("kubectl exec web -- ls /usr/share/nginx/html") == "");
  CHECK(f.out("kubectl exec web -- sh -c 'echo hello $(hostname) > /usr/share/nginx/html/index.html'") == "");
  CHECK(f.out("cat /data/k8s/pv1/index.html") == "hello web\n");
  CHECK(f.out("kubectl delete pod web") == "pod \"web\" deleted\n");
  f.sandbox.advance(sim::seconds(40));
  REQUIRE(phase(f.sandbox, "web") == "<gone>");
  f.out("kubectl apply -f /tmp/m.yaml");
  f.sandbox.advance(sim::seconds(30));
  REQUIRE(phase(f.sandbox, "web") == "Running");
  CHECK(f.out("kubectl exec -it web -- curl localhost") == "hello web\n");
}

TEST_CASE("configMap, secret, downwardAPI and emptyDir volumes; env from the API", "[exec][container][volumes]") {
  ShellFixture f;
  f.out("kubectl create configmap app --from-literal=greeting=hi --from-literal=color=blue");
  f.out("kubectl create secret generic creds --from-literal=password=s3cret");
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\n  labels:\n    app: two\nspec:\n  containers:\n"
        "  - name: writer\n    image: busybox\n    command: [sleep, '3600']\n    env:\n    - name: GREETING\n"
        "      valueFrom:\n        configMapKeyRef:\n          name: app\n          key: greeting\n    - name: MY_POD\n"
        "      valueFrom:\n        fieldRef:\n          fieldPath: metadata.name\n    volumeMounts:\n"
        "    - {name: shared, mountPath: /out}\n    - {name: config, mountPath: /etc/config}\n"
        "    - {name: creds, mountPath: /etc/creds, readOnly: true}\n    - {name: info, mountPath: /etc/podinfo}\n"
        "  - name: reader\n    image: busybox\n    command: [sleep, '3600']\n    volumeMounts:\n"
        "    - {name: shared, mountPath: /in}\n  volumes:\n  - name: shared\n    emptyDir: {}\n  - name: config\n"
        "    configMap:\n      name: app\n  - name: creds\n    secret:\n      secretName: creds\n  - name: info\n"
        "    downwardAPI:\n      items:\n      - path: labels\n        fieldRef:\n          fieldPath: metadata.labels\n",
        40);
  REQUIRE(phase(f.sandbox, "two") == "Running");
  CHECK(f.out("kubectl exec two -c writer -- ls /etc/config") == "color\ngreeting\n");
  CHECK(f.out("kubectl exec two -c writer -- cat /etc/config/greeting") == "hi");
  CHECK(f.out("kubectl exec two -c writer -- cat /etc/creds/password") == "s3cret");
  CHECK(f.out("kubectl exec two -c writer -- cat /etc/podinfo/labels") == "app=\"two\"");
  CHECK(f.out("kubectl exec two -c writer -- sh -c 'echo x > /etc/config/greeting'") ==
        "sh: can't create /etc/config/greeting: Read-only file system\ncommand terminated with exit code 1\n");
  CHECK(f.out("kubectl exec two -c writer -- sh -c 'echo $GREETING $MY_POD'") == "hi two\n");
  CHECK(f.out("kubectl exec two -c writer -- sh -c 'echo shared > /out/note'") == "");
  CHECK(f.out("kubectl exec two -c reader -- cat /in/note") == "shared\n");
  CHECK(f.out("kubectl exec two -- cat /in/note") ==
        "Defaulted container \"writer\" out of: writer, reader\ncat: can't open '/in/note': No such file or directory\n"
        "command terminated with exit code 1\n");
  // The service account token every pod gets.
  CHECK(f.out("kubectl exec two -c writer -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace") == "default");
  // The emptyDir lives on the node, under the kubelet's pod directory.
  const auto pod = f.sandbox.api().get(f.sandbox.api().resource("", "pods"), "default", "two");
  const std::string node = api::str_field(*pod, {"spec", "nodeName"});
  CHECK(f.out("ssh " + node + " cat /var/lib/kubelet/pods/" + api::meta::uid(*pod) +
              "/volumes/kubernetes.io~empty-dir/shared/note") == "shared\n");
}

TEST_CASE("a missing configMap keeps the pod in ContainerCreating with FailedMount events", "[container][volumes]") {
  ShellFixture f;
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n"
        "    command: [sleep, '3600']\n    volumeMounts:\n    - {name: cfg, mountPath: /cfg}\n  volumes:\n  - name: cfg\n"
        "    configMap:\n      name: later\n",
        30);
  CHECK(phase(f.sandbox, "p") == "Pending");
  CHECK(f.out("kubectl get pod p --no-headers | awk '{print $3}'") == "ContainerCreating\n");
  CHECK(f.out("kubectl get events --field-selector reason=FailedMount -o jsonpath='{.items[0].message}'") ==
        "MountVolume.SetUp failed for volume \"cfg\" : configmap \"later\" not found");
  f.out("kubectl create configmap later --from-literal=k=v");
  f.sandbox.advance(sim::seconds(60));
  CHECK(phase(f.sandbox, "p") == "Running");
  CHECK(f.out("kubectl exec p -- cat /cfg/k") == "v");
}

TEST_CASE("kubectl cp moves files and trees between the host and a container", "[exec][container][cp]") {
  ShellFixture f;
  f.out("kubectl run web --image=nginx:1.27");
  f.sandbox.advance(sim::seconds(30));
  f.out("echo hello > hello.txt");
  CHECK(f.out("kubectl cp hello.txt web:/tmp/hello.txt") == "");
  CHECK(f.out("kubectl exec web -- cat /tmp/hello.txt") == "hello\n");
  f.out("mkdir -p site/img && echo '<h1>mine</h1>' > site/index.html && echo x > site/img/logo");
  CHECK(f.out("kubectl cp site web:/usr/share/nginx/html") == "");
  CHECK(f.out("kubectl exec web -- ls /usr/share/nginx/html/site /usr/share/nginx/html/site/img") ==
        "/usr/share/nginx/html/site:\nimg\nindex.html\n\n/usr/share/nginx/html/site/img:\nlogo\n");
  CHECK(f.out("kubectl exec web -- curl -s localhost/site/") == "<h1>mine</h1>\n");
  CHECK(f.out("kubectl cp web:/etc/nginx/conf.d /tmp/conf") == "tar: removing leading '/' from member names\n");
  CHECK(f.out("head -2 /tmp/conf/default.conf") == "server {\n    listen       80;\n");
  CHECK(f.out("kubectl cp default/web:etc/hostname ./name && cat name") == "web\n");
  CHECK(f.out("kubectl cp nothere web:/tmp") == "error: nothere doesn't exist in local filesystem\n");
  CHECK(f.out("kubectl cp a b") == "error: one of src or dest must be a remote file specification\n");
  CHECK(f.out("kubectl cp web:/a web:/b") == "error: one of src or dest must be a local file specification\n");
  CHECK(f.out("kubectl cp x") ==
        "error: expected 'cp <file-spec-src> <file-spec-dest> [-c container]'.\nSee 'kubectl cp -h' for help and examples\n");
  CHECK(f.out("kubectl cp web:/nope /tmp/n") ==
        "tar: removing leading '/' from member names\nerror: /nope no such file or directory\n");
}
