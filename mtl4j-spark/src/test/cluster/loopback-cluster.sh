#!/usr/bin/env bash
# A Spark standalone cluster on 127.0.0.1 built from the Maven jars (no Spark download): one master and two workers
# of one core each, every JVM started with `java -cp CLASSPATH` (Spark 4.1.0 and mtl4j, e.g. the test classpath);
# and a real fault: kill -9 of an executor JVM. Used by LoopbackClusterTest; usable by hand:
#   loopback-cluster.sh start DIR PORT CLASSPATH   prints spark://127.0.0.1:PORT once both workers registered
#   loopback-cluster.sh kill-executor DIR          kill -9 of worker 1's executor JVM; prints its pid
#   loopback-cluster.sh submit DIR SPARK_CP ARGS…  spark-submit ARGS… (the README's command) as the spark-submit
#                                                  script runs it: java org.apache.spark.deploy.SparkSubmit ARGS…
#                                                  with Spark's JVM flags; SPARK_CP (Spark's jars) stands for a
#                                                  Spark installation's jars/ on the driver and the executors
#   loopback-cluster.sh stop DIR                   kill of the JVMs this script started (their pids in DIR)
# Memory stays bounded: 256 MB heap for the master and each worker; a worker offers 1 GB to one executor; 1 GB for
# the submitted driver.
set -euo pipefail
cmd=${1:?start, kill-executor, submit or stop} dir=${2:?a work directory}

# Spark's own JVM flags (org.apache.spark.launcher.JavaModuleOptions), as spark-submit adds them.
flags=(-Xmx256m -XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  flags+=("--add-opens=java.base/$p=ALL-UNNAMED")
done

# Every service on loopback. SPARK_HOME has no jars/: a worker builds its executors' classpath from
# spark.executor.extraClassPath alone, which Spark's launcher allows when SPARK_TESTING is set.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_HOME="$dir/home" SPARK_SCALA_VERSION=2.13 SPARK_TESTING=1

case "$cmd" in
  start)
    port=${3:?a free port} cp=${4:?the classpath}
    mkdir -p "$dir/home"
    java "${flags[@]}" -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
      --webui-port 0 >"$dir/master.log" 2>&1 &
    echo $! >"$dir/master.pid"
    for w in 1 2; do
      java "${flags[@]}" -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
        --webui-port 0 --work-dir "$dir/worker$w" "spark://127.0.0.1:$port" >"$dir/worker$w.log" 2>&1 &
      echo $! >"$dir/worker$w.pid"
    done
    for _ in $(seq 1 240); do
      [ "$(grep -c 'Registering worker' "$dir/master.log" 2>/dev/null || true)" -ge 2 ] && {
        echo "spark://127.0.0.1:$port"; exit 0; }
      sleep 0.5
    done
    echo "cluster did not start within 120 s; see $dir/master.log and $dir/worker*.log" >&2
    exit 1
    ;;
  kill-executor)
    # The executor is a child JVM of worker 1 (CoarseGrainedExecutorBackend): only a process this script started.
    pid=$(pgrep -P "$(cat "$dir/worker1.pid")" java | head -n 1 || true)
    [ -n "$pid" ] || { echo "worker 1 runs no executor" >&2; exit 1; }
    kill -9 "$pid"
    echo "$pid"
    ;;
  submit)
    cp=${3:?the classpath of the Spark jars}
    shift 3
    # The driver runs in this JVM (client mode), as under spark-submit; only the heap differs from the daemons'.
    exec java "${flags[@]/-Xmx256m/-Xmx1g}" -cp "$cp" org.apache.spark.deploy.SparkSubmit \
      --conf "spark.executor.extraClassPath=$cp" "$@"
    ;;
  stop)
    for f in "$dir"/worker1.pid "$dir"/worker2.pid "$dir"/master.pid; do
      [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
    done
    ;;
  *) echo "unknown command '$cmd': expected start, kill-executor, submit or stop" >&2; exit 2 ;;
esac
