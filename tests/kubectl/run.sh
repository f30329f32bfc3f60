#!/usr/bin/env bash
# The real kubectl v1.32 against `kubetab serve`.
#   tests/kubectl/run.sh KUBETAB [KUBECTL]
# Starts `kubetab serve` on a free loopback port with virtual time frozen
# (--speed 0, so every AGE is exact), waits for /version, runs the real kubectl
# (fresh --cache-dir, --server=http://127.0.0.1:PORT) and compares its exact output.
# Then runs @kubernetes/client-node (tests/kubectl/client_node.mjs) when installed.
# Ends with the line "N passed, M failed"; exits non-zero when anything failed.
# KT_VERBOSE=1 shows every command's output; KT_KEEP=1 keeps the work directory
# (serve.err has the server's log; KUBETAB_SERVE_TRACE=1 logs every request there).
set -u

KUBETAB=${1:?usage: run.sh KUBETAB [KUBECTL]}
KUBECTL=${2:-/usr/bin/kubectl}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kubetab-kubectl.XXXXXX")
SERVER_PID=

cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [ -n "${KT_KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ---- the server ------------------------------------------------------------------------
"$KUBETAB" serve --port 0 --quiet --speed 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
URL=
for _ in $(seq 1 100); do
  URL=$(head -n 1 "$WORK/serve.out" 2>/dev/null)
  [ -n "$URL" ] && break
  sleep 0.1
done
if [ -z "$URL" ]; then
  echo "kubetab serve did not start:"
  cat "$WORK/serve.err"
  echo "0 passed, 1 failed"
  exit 1
fi
for _ in $(seq 1 100); do
  curl -sf "$URL/version" >/dev/null 2>&1 && break
  sleep 0.1
done

export KUBECONFIG="$WORK/kubeconfig" # an empty config: --server says where to go
: >"$KUBECONFIG"
k() { "$KUBECTL" --server="$URL" --cache-dir="$WORK/cache" "$@"; }

# ---- checks ------------------------------------------------------------------------------
PASSED=0
FAILED=0
pass() {
  PASSED=$((PASSED + 1))
  echo "ok - $1"
}
fail() {
  FAILED=$((FAILED + 1))
  echo "not ok - $1"
  echo "  --- want (rc $2)"
  printf '%s\n' "$3" | sed 's/^/  | /'
  echo "  --- got (rc $4)"
  printf '%s\n' "$5" | sed 's/^/  | /'
}

# check NAME RC COMMAND... <<'END'   (expected stdout+stderr, exactly)
check() {
  local name=$1 want_rc=$2
  shift 2
  local want got rc
  want=$(cat)
  got=$("$@" 2>&1)
  rc=$?
  if [ "${KT_VERBOSE:-}" = 1 ]; then printf '$ %s\n%s\n' "$*" "$got"; fi
  if [ "$got" == "$want" ] && [ "$rc" == "$want_rc" ]; then pass "$name"; else fail "$name" "$want_rc" "$want" "$rc" "$got"; fi
}

# check_has NAME COMMAND... <<'END'   (lines that must all appear in the output)
check_has() {
  local name=$1
  shift
  local got rc missing=""
  got=$("$@" 2>&1)
  rc=$?
  if [ "${KT_VERBOSE:-}" = 1 ]; then printf '$ %s\n%s\n' "$*" "$got"; fi
  while IFS= read -r line; do
    grep -qxF -- "$line" <<<"$got" || missing+="$line"$'\n'
  done
  if [ -z "$missing" ]; then pass "$name"; else fail "$name" "any" "lines missing:"$'\n'"$missing" "$rc" "$got"; fi
}

# check_re NAME COMMAND... <<'END'   (each output line matches the regex line, in order)
check_re() {
  local name=$1
  shift
  local want got rc ok=1
  want=$(cat)
  got=$("$@" 2>&1)
  rc=$?
  if [ "${KT_VERBOSE:-}" = 1 ]; then printf '$ %s\n%s\n' "$*" "$got"; fi
  if [ "$(wc -l <<<"$want")" != "$(wc -l <<<"$got")" ]; then ok=0; fi
  if [ $ok = 1 ]; then
    while IFS= read -r -u 3 w && IFS= read -r -u 4 g; do
      [[ "$g" =~ ^${w}$ ]] || { ok=0; break; }
    done 3<<<"$want" 4<<<"$got"
  fi
  if [ $ok = 1 ] && [ "$rc" = 0 ]; then pass "$name"; else fail "$name" "0 (patterns)" "$want" "$rc" "$got"; fi
}

# Output with volatile metadata (uids, resource versions) replaced by X.
normalized() { "$@" | sed -E 's/("?(uid|resourceVersion)"?: )"?[0-9a-f-]+"?/\1X/'; }

# ---- discovery ---------------------------------------------------------------------------
check_has "version reports the server" k version <<'END'
Server Version: v1.32.5
END

check "api-resources --api-group=apps" 0 k api-resources --api-group=apps <<'END'
NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND
controllerrevisions                apps/v1      true         ControllerRevision
daemonsets            ds           apps/v1      true         DaemonSet
deployments           deploy       apps/v1      true         Deployment
replicasets           rs           apps/v1      true         ReplicaSet
statefulsets          sts          apps/v1      true         StatefulSet
END

check_has "api-resources: short names and preferred versions" k api-resources <<'END'
NAME                       SHORTNAMES   APIVERSION                     NAMESPACED   KIND
pods                       po           v1                             true         Pod
services                   svc          v1                             true         Service
horizontalpodautoscalers   hpa          autoscaling/v2                 true         HorizontalPodAutoscaler
cronjobs                   cj           batch/v1                       true         CronJob
END

check_has "api-versions" k api-versions <<'END'
apps/v1
autoscaling/v1
autoscaling/v2
batch/v1
v1
END

# ---- reads of the bootstrapped cluster ---------------------------------------------------
check "get nodes" 0 k get nodes <<'END'
NAME         STATUS   ROLES           AGE   VERSION
k8s-master   Ready    control-plane   12m   v1.32.5
k8s-node1    Ready    <none>          12m   v1.32.5
k8s-node2    Ready    <none>          12m   v1.32.5
END

check "get nodes -o wide" 0 k get no -o wide <<'END'
NAME         STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                KERNEL-VERSION           CONTAINER-RUNTIME
k8s-master   Ready    control-plane   12m   v1.32.5   172.31.0.4    <none>        CentOS Linux 7 (Core)   3.10.0-1160.el7.x86_64   containerd://1.7.24
k8s-node1    Ready    <none>          12m   v1.32.5   172.31.0.5    <none>        CentOS Linux 7 (Core)   3.10.0-1160.el7.x86_64   containerd://1.7.24
k8s-node2    Ready    <none>          12m   v1.32.5   172.31.0.6    <none>        CentOS Linux 7 (Core)   3.10.0-1160.el7.x86_64   containerd://1.7.24
END

check "get node -o jsonpath" 0 k get node k8s-master -o 'jsonpath={.status.nodeInfo.kubeletVersion} {.status.addresses[0].address}' <<'END'
v1.32.5 172.31.0.4
END

check "get namespaces" 0 k get ns <<'END'
NAME              STATUS   AGE
default           Active   12m
kube-node-lease   Active   12m
kube-public       Active   12m
kube-system       Active   12m
END

check_has "describe node" k describe node k8s-node1 <<'END'
Name:               k8s-node1
Roles:              <none>
                    kubernetes.io/hostname=k8s-node1
CreationTimestamp:  Wed, 15 Jan 2025 09:00:00 +0000
Taints:             <none>
Unschedulable:      false
  InternalIP:  172.31.0.5
  Hostname:    k8s-node1
  Kubelet Version:            v1.32.5
PodCIDR:                      192.168.1.0/24
END

# ---- writes: typed create (protobuf bodies), create -f, apply ------------------------------
check "create namespace (protobuf)" 0 k create namespace kt <<'END'
namespace/kt created
END

cat >"$WORK/cm.yaml" <<'END'
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: kt
  labels:
    app: web
data:
  mode: prod
END
check "apply -f: created" 0 k apply -f "$WORK/cm.yaml" <<'END'
configmap/app-config created
END
check "apply -f again: unchanged" 0 k apply -f "$WORK/cm.yaml" <<'END'
configmap/app-config unchanged
END
sed -i 's/prod/dev/' "$WORK/cm.yaml"
check "apply -f changed: configured" 0 k apply -f "$WORK/cm.yaml" <<'END'
configmap/app-config configured
END
check "apply stored the change and last-applied-configuration" 0 \
  k get cm app-config -n kt -o 'jsonpath={.data.mode} {.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}' <<'END'
dev {"apiVersion":"v1","data":{"mode":"dev"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app":"web"},"name":"app-config","namespace":"kt"}}
END

cat >"$WORK/secret.yaml" <<'END'
apiVersion: v1
kind: Secret
metadata:
  name: db-pass
  namespace: kt
  labels:
    test: kt
type: Opaque
stringData:
  password: s3cr3t
END
check "create -f" 0 k create -f "$WORK/secret.yaml" <<'END'
secret/db-pass created
END
check "create -f again: AlreadyExists" 1 k create -f "$WORK/secret.yaml" <<END
Error from server (AlreadyExists): error when creating "$WORK/secret.yaml": secrets "db-pass" already exists
END

check "create deployment (protobuf)" 0 k create deployment web -n kt --image=nginx:1.25 --replicas=2 --port=80 <<'END'
deployment.apps/web created
END
check "create service clusterip (protobuf)" 0 k create service clusterip web -n kt --tcp=80:8080 <<'END'
service/web created
END
check "create configmap (protobuf)" 0 k create configmap settings -n kt --from-literal=a=1 --from-literal=b=2 <<'END'
configmap/settings created
END
check "create secret generic (protobuf)" 0 k create secret generic api-key -n kt --from-literal=key=abc <<'END'
secret/api-key created
END
check "create serviceaccount (protobuf)" 0 k create serviceaccount bot -n kt <<'END'
serviceaccount/bot created
END
check "create job (protobuf)" 0 k create job pi -n kt --image=perl:5.34 -- perl -Mbignum=bpi -wle 'print bpi(20)' <<'END'
job.batch/pi created
END
check "protobuf secret data decoded" 0 k get secret api-key -n kt -o 'jsonpath={.data.key} {.type}' <<'END'
YWJj Opaque
END
check "protobuf job template decoded" 0 \
  k get job pi -n kt -o 'jsonpath={.spec.template.spec.containers[0].command} {.spec.template.spec.restartPolicy}' <<'END'
["perl","-Mbignum=bpi","-wle","print bpi(20)"] Never
END
check "protobuf service ports decoded" 0 k get svc web -n kt -o 'jsonpath={.spec.ports[0]} {.spec.selector}' <<'END'
{"name":"80-8080","port":80,"protocol":"TCP","targetPort":8080} {"app":"web"}
END

# ---- reads: tables, formats, selectors ------------------------------------------------------
# Every namespace gets kube-root-ca.crt from the root CA publisher, as in kube.
check "get configmaps" 0 k get cm -n kt <<'END'
NAME               DATA   AGE
app-config         1      0s
kube-root-ca.crt   1      0s
settings           2      0s
END
check "get by names -o name" 0 k get cm app-config settings -n kt -o name <<'END'
configmap/app-config
configmap/settings
END
check "get by names, one missing" 1 k get cm settings nope -n kt <<'END'
NAME       DATA   AGE
settings   2      0s
Error from server (NotFound): configmaps "nope" not found
END
check "get deployment -o wide" 0 k get deploy -n kt -o wide <<'END'
NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
web    0/2     2            0           0s    nginx        nginx:1.25   app=web
END
check "get with -l" 0 k get cm -n kt -l app=web <<'END'
NAME         DATA   AGE
app-config   1      0s
END
check "get --show-labels" 0 k get cm app-config -n kt --show-labels <<'END'
NAME         DATA   AGE   LABELS
app-config   1      0s    app=web
END
check "get -A with a selector" 0 k get secrets -A -l test=kt <<'END'
NAMESPACE   NAME      TYPE     DATA   AGE
kt          db-pass   Opaque   1      0s
END
check "get -L and --sort-by" 0 k get cm -n kt -L app --sort-by=.metadata.name <<'END'
NAME               DATA   AGE   APP
app-config         1      0s    web
kube-root-ca.crt   1      0s    
settings           2      0s    
END
check "get -o custom-columns" 0 k get cm app-config settings -n kt -o custom-columns=NAME:.metadata.name,KEYS:.data <<'END'
NAME         KEYS
app-config   map[mode:dev]
settings     map[a:1 b:2]
END
check "get -o jsonpath" 0 k get deploy web -n kt -o 'jsonpath={.spec.replicas} {.spec.template.spec.containers[*].image}' <<'END'
2 nginx:1.25
END
check "get -o yaml" 0 normalized k get cm settings -n kt -o yaml <<'END'
apiVersion: v1
data:
  a: "1"
  b: "2"
kind: ConfigMap
metadata:
  creationTimestamp: "2025-01-15T09:12:00Z"
  name: settings
  namespace: kt
  resourceVersion: X
  uid: X
END
check "get -o json" 0 normalized k get sa bot -n kt -o json <<'END'
{
    "apiVersion": "v1",
    "kind": "ServiceAccount",
    "metadata": {
        "creationTimestamp": "2025-01-15T09:12:00Z",
        "name": "bot",
        "namespace": "kt",
        "resourceVersion": X,
        "uid": X
    }
}
END
# The cluster IP is allocated at random from 10.96.0.0/12: matched by pattern.
# The deployment and job controllers, scheduler and kubelets ran at once (virtual time is
# frozen, zero-delay work is not): the pods exist, still creating their containers.
check_re "get all" k get all -n kt <<'END'
NAME +READY   STATUS              RESTARTS   AGE
pod/pi-[a-z0-9]{5} +0/1     ContainerCreating   0          0s
pod/web-[a-z0-9]+-[a-z0-9]{5} +0/1     ContainerCreating   0          0s
pod/web-[a-z0-9]+-[a-z0-9]{5} +0/1     ContainerCreating   0          0s

NAME          TYPE        CLUSTER-IP +EXTERNAL-IP   PORT\(S\)   AGE
service/web   ClusterIP   10\.(9[6-9]|10[0-9]|11[01])\.[0-9]+\.[0-9]+ +<none>        80/TCP    0s

NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   0/2     2            0           0s

NAME +DESIRED   CURRENT   READY   AGE
replicaset.apps/web-[a-z0-9]+ +2         2         0       0s

NAME           STATUS    COMPLETIONS   DURATION   AGE
job.batch/pi   Running   0/1           0s         0s
END
# The real kubectl ranges over a Go map to print configmap data: with two or more keys
# the order changes from run to run, so describe a configmap with one key.
check "create configmap for describe" 0 k create configmap single -n kt --from-literal=only=1 <<'END'
configmap/single created
END
check "describe configmap" 0 k describe cm single -n kt <<'END'
Name:         single
Namespace:    kt
Labels:       <none>
Annotations:  <none>

Data
====
only:
----
1


BinaryData
====

Events:  <none>
END
check "delete the describe configmap" 0 k delete cm single -n kt <<'END'
configmap "single" deleted
END

# ---- changes ---------------------------------------------------------------------------------
check "scale" 0 k scale deploy web -n kt --replicas=3 <<'END'
deployment.apps/web scaled
END
check "scale reached the spec" 0 k get deploy web -n kt -o 'jsonpath={.spec.replicas}' <<'END'
3
END
check "label" 0 k label cm settings -n kt tier=backend <<'END'
configmap/settings labeled
END
check "label without --overwrite" 1 k label cm settings -n kt tier=frontend <<'END'
error: 'tier' already has a value (backend), and --overwrite is false
END
check "label --overwrite" 0 k label cm settings -n kt tier=frontend --overwrite <<'END'
configmap/settings labeled
END
check "annotate" 0 k annotate cm settings -n kt note=hello <<'END'
configmap/settings annotated
END
check "labels and annotations stored" 0 k get cm settings -n kt -o 'jsonpath={.metadata.labels.tier} {.metadata.annotations.note}' <<'END'
frontend hello
END
check "patch (strategic merge)" 0 \
  k patch deploy web -n kt -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}' <<'END'
deployment.apps/web patched
END
check "set image" 0 k set image deploy/web -n kt nginx=nginx:1.27 <<'END'
deployment.apps/web image updated
END
check "image after patch and set image" 0 k get deploy web -n kt -o 'jsonpath={.spec.template.spec.containers[*].image}' <<'END'
nginx:1.27
END
check "patch (json)" 0 k patch cm settings -n kt --type=json -p '[{"op":"remove","path":"/data/b"}]' <<'END'
configmap/settings patched
END
sed 's/dev/qa/' "$WORK/cm.yaml" >"$WORK/cm-qa.yaml"
check "apply --dry-run=server" 0 k apply -f "$WORK/cm-qa.yaml" --dry-run=server <<'END'
configmap/app-config configured (server dry run)
END
check "dry run changed nothing" 0 k get cm app-config -n kt -o jsonpath='{.data.mode}' <<'END'
dev
END
check "apply --server-side" 0 k apply -f "$WORK/cm-qa.yaml" --server-side --force-conflicts <<'END'
configmap/app-config serverside-applied
END
check "server-side apply stored" 0 k get cm app-config -n kt -o jsonpath='{.data.mode}' <<'END'
qa
END

# ---- errors ------------------------------------------------------------------------------------
check "NotFound" 1 k get cm nope -n kt <<'END'
Error from server (NotFound): configmaps "nope" not found
END
check "NotFound in another namespace" 1 k get deploy web -n default <<'END'
Error from server (NotFound): deployments.apps "web" not found
END
cat >"$WORK/invalid.yaml" <<'END'
apiVersion: v1
kind: ConfigMap
metadata:
  name: Bad_Name
  namespace: kt
END
check "Invalid" 1 k apply -f "$WORK/invalid.yaml" <<'END'
The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
END
cat >"$WORK/unknown.yaml" <<'END'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: typo
  namespace: kt
spec:
  selector:
    matchLabels: {app: typo}
  template:
    metadata:
      labels: {app: typo}
    spec:
      containers:
      - name: c
        image: nginx
        bogusField: 1
END
check "strict decoding error for an unknown field" 1 k apply -f "$WORK/unknown.yaml" <<END
Error from server (BadRequest): error when creating "$WORK/unknown.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].bogusField"
END
check "--validate=warn: a warning, then created" 0 k apply -f "$WORK/unknown.yaml" --validate=warn <<'END'
Warning: unknown field "spec.template.spec.containers[0].bogusField"
deployment.apps/typo created
END
check "unknown resource type" 1 k get widgets <<'END'
error: the server doesn't have a resource type "widgets"
END

# ---- watch ------------------------------------------------------------------------------------
(
  sleep 2
  k create configmap watched -n kt >/dev/null
  k label cm watched -n kt seen=yes >/dev/null
) &
writer=$!
check "get -w (bounded by --request-timeout)" 0 k get cm -n kt -w --request-timeout=5s <<'END'
NAME               DATA   AGE
app-config         1      0s
kube-root-ca.crt   1      0s
settings           1      0s
watched            0      0s
watched            0      0s
END
wait $writer
(
  sleep 2
  k delete configmap watched -n kt >/dev/null
) &
writer=$!
check "get -w --output-watch-events (bounded by timeout)" 124 \
  timeout 5 "$KUBECTL" --server="$URL" --cache-dir="$WORK/cache" get cm watched -n kt -w --output-watch-events <<'END'
EVENT      NAME      DATA   AGE
ADDED      watched   0      0s
DELETED    watched   0      0s
END
wait $writer

# ---- delete -----------------------------------------------------------------------------------
check "delete (waits until gone)" 0 k delete secret db-pass api-key -n kt <<'END'
secret "db-pass" deleted
secret "api-key" deleted
END
check "deleted objects are gone" 1 k get secret db-pass -n kt <<'END'
Error from server (NotFound): secrets "db-pass" not found
END
check "delete -l" 0 k delete cm -n kt -l app=web <<'END'
configmap "app-config" deleted
END
check "delete of a missing object" 1 k delete cm app-config -n kt <<'END'
Error from server (NotFound): configmaps "app-config" not found
END

# ---- what the sandbox cannot do yet: clear errors, no hangs -------------------------------------
cat >"$WORK/pod.yaml" <<'END'
apiVersion: v1
kind: Pod
metadata:
  name: p1
  namespace: kt
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
END
check "create a pod" 0 k apply -f "$WORK/pod.yaml" <<'END'
pod/p1 created
END
check "logs: a clear error" 1 timeout 20 "$KUBECTL" --server="$URL" --cache-dir="$WORK/cache" logs p1 -n kt <<'END'
Error from server (BadRequest): reading container logs is not supported yet by this sandbox (pods "p1")
END
check "exec: a clear error" 1 timeout 20 "$KUBECTL" --server="$URL" --cache-dir="$WORK/cache" exec p1 -n kt -- ls <<'END'
Error from server (BadRequest): exec into a container is not supported yet by this sandbox (pods "p1")
END

# ---- a second client: @kubernetes/client-node ---------------------------------------------------
if [ -d "$ROOT/node_modules/@kubernetes/client-node" ] && command -v node >/dev/null; then
  out=$(cd "$ROOT" && node tests/kubectl/client_node.mjs "$URL" 2>&1)
  rc=$?
  if [ "${KT_VERBOSE:-}" = 1 ]; then echo "$out"; fi
  if [ $rc -eq 0 ]; then pass "@kubernetes/client-node ($(tail -n 1 <<<"$out"))"; else fail "@kubernetes/client-node" 0 "" $rc "$out"; fi
else
  echo "skip - @kubernetes/client-node is not installed (npm install)"
fi

if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  FAILED=$((FAILED + 1))
  echo "not ok - kubetab serve exited during the tests:"
  cat "$WORK/serve.err"
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
