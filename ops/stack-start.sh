#!/usr/bin/env bash
# Starts the local Bonafide stack on loopback: a single-node Kafka broker in KRaft mode
# (combined broker + controller, classpath from Maven Central jars) and Apicurio Registry with
# its Confluent-compatible API. Waits until both answer, then prints their addresses.
#
# Settings (environment):
#   BONAFIDE_STACK_DATA      data and logs              (default: <repo>/.stack)
#   BONAFIDE_KAFKA_PORT      broker listener port        (default: 9092)
#   BONAFIDE_CONTROLLER_PORT KRaft controller port       (default: 9093)
#   BONAFIDE_REGISTRY_PORT   schema registry HTTP port   (default: 8081)
#   BONAFIDE_STACK_TIMEOUT   seconds to wait for both    (default: 60)
# Stop with ops/stack-stop.sh (same BONAFIDE_STACK_DATA).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dist="$root/ops/stack/target/stack"
data=${BONAFIDE_STACK_DATA:-$root/.stack}
kafka_port=${BONAFIDE_KAFKA_PORT:-9092}
controller_port=${BONAFIDE_CONTROLLER_PORT:-9093}
registry_port=${BONAFIDE_REGISTRY_PORT:-8081}
timeout=${BONAFIDE_STACK_TIMEOUT:-60}
apicurio_jar="$dist/apicurio/apicurio-registry-app-2.6.13.Final-runner.jar"

mkdir -p "$data"
data=$(cd "$data" && pwd)

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if [ ! -f "$apicurio_jar" ] || [ ! -f "$dist/kafka/libs/kafka_2.13-4.3.1.jar" ]; then
  echo "Laying out Kafka and Apicurio from Maven Central (first run only)..."
  (cd "$root" && mvn -B -q -pl ops/stack generate-resources)
fi

mkdir -p "$data/kafka/data" "$data/apicurio" "$data/logs"

if running "$data/kafka.pid"; then
  echo "Kafka already running (pid $(cat "$data/kafka.pid"))."
else
  cat > "$data/kafka/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controller_port}
listeners=PLAINTEXT://127.0.0.1:${kafka_port},CONTROLLER://127.0.0.1:${controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:${kafka_port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${data}/kafka/data
num.partitions=6
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
  cat > "$data/kafka/log4j2.properties" <<'PROPS'
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = STDOUT
logger.kafka.name = org.apache.kafka
logger.kafka.level = INFO
PROPS
  kafka_java=(java -Xms256m -Xmx1g -XX:+UseG1GC "-Dbonafide.stack.home=$data"
    "-Dlog4j2.configurationFile=$data/kafka/log4j2.properties" -cp "$dist/kafka/libs/*")
  if [ ! -f "$data/kafka/data/meta.properties" ]; then
    cluster_id=$("${kafka_java[@]}" kafka.tools.StorageTool random-uuid)
    "${kafka_java[@]}" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$data/kafka/server.properties" >> "$data/logs/kafka-format.log" 2>&1
  fi
  setsid nohup "${kafka_java[@]}" kafka.Kafka "$data/kafka/server.properties" \
    > "$data/logs/kafka.log" 2>&1 < /dev/null &
  echo $! > "$data/kafka.pid"
fi

if running "$data/apicurio.pid"; then
  echo "Apicurio Registry already running (pid $(cat "$data/apicurio.pid"))."
else
  # File-backed H2 so that schema ids survive a restart, as the records that carry them do.
  REGISTRY_DATASOURCE_URL="jdbc:h2:file:$data/apicurio/registry_db" \
  setsid nohup java -Xms128m -Xmx512m "-Dbonafide.stack.home=$data" \
    -Dquarkus.http.host=127.0.0.1 "-Dquarkus.http.port=$registry_port" \
    -jar "$apicurio_jar" > "$data/logs/apicurio.log" 2>&1 < /dev/null &
  echo $! > "$data/apicurio.pid"
fi

registry_url="http://127.0.0.1:${registry_port}/apis/ccompat/v7"
deadline=$((SECONDS + timeout))
kafka_up=false
registry_up=false
while [ $SECONDS -lt $deadline ]; do
  if ! $kafka_up && grep -q "Kafka Server started" "$data/logs/kafka.log" 2>/dev/null \
      && (exec 3<>"/dev/tcp/127.0.0.1/$kafka_port") 2>/dev/null; then
    kafka_up=true
  fi
  if ! $registry_up && curl -sf -o /dev/null "$registry_url/subjects"; then
    registry_up=true
  fi
  $kafka_up && $registry_up && break
  for p in kafka apicurio; do
    if ! running "$data/$p.pid"; then
      echo "$p exited during start; see $data/logs/$p.log" >&2
      tail -20 "$data/logs/$p.log" >&2 || true
      "$root/ops/stack-stop.sh" >/dev/null 2>&1 || true
      exit 1
    fi
  done
  sleep 0.5
done

if ! $kafka_up || ! $registry_up; then
  echo "Stack did not answer within ${timeout}s (kafka=$kafka_up registry=$registry_up); logs in $data/logs" >&2
  "$root/ops/stack-stop.sh" >/dev/null 2>&1 || true
  exit 1
fi

echo "Kafka bootstrap servers: 127.0.0.1:${kafka_port}"
echo "Schema registry (Confluent API): ${registry_url}"
echo "Data and logs: ${data}"
