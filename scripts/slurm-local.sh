#!/usr/bin/env bash
# A single-node SLURM on 127.0.0.1 for tests (docs/cluster.md), as root and without systemd:
#   scripts/slurm-local.sh start   munged (unless one runs already), slurmctld and slurmd, then waits
#                                  until the node is idle; prints the SLURM_CONF to export
#   scripts/slurm-local.sh stop    stops the daemons it started, by the PIDs in their pid files
# State, spool, logs, pid files and slurm.conf live in $MIWB_SLURM_STATE (default /tmp/miwb-slurm-local);
# sbatch, squeue and scontrol find the cluster through SLURM_CONF=$MIWB_SLURM_STATE/slurm.conf.
set -euo pipefail
state=${MIWB_SLURM_STATE:-/tmp/miwb-slurm-local}
conf=$state/slurm.conf

pid_of() { [ -s "$1" ] && cat "$1"; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

start() {
  for tool in munged slurmctld slurmd sinfo; do
    command -v "$tool" >/dev/null || { echo "error: $tool is not installed (apt-get install slurm-wlm munge)" >&2; exit 2; }
  done
  mkdir -p "$state"/{ctld,spool,log}
  chmod 0755 "$state"  # munged runs as user munge and keeps its log and pid under it
  # munge: a key, its run folder, and the daemon as user munge. One already running is used as is.
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
  fi
  mkdir -p /run/munge /var/lib/munge /var/log/munge
  chown munge:munge /run/munge /var/lib/munge /var/log/munge
  chmod 0755 /run/munge
  if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    echo "munged: already running, left alone"
  else
    mkdir -p "$state/munge"
    chown munge:munge "$state/munge"
    runuser -u munge -- munged --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log"
    echo "$state/munge/munged.pid" > "$state/started-munged"
  fi

  local host node
  host=$(hostname -s)
  node=$(slurmd -C | head -n 1)
  cat > "$conf" <<CONF
ClusterName=miwb-local
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
MpiDefault=none
ReturnToService=2
KillWait=5
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
${node} NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  slurmctld -f "$conf"
  slurmd -f "$conf"
  export SLURM_CONF=$conf
  for _ in $(seq 1 150); do
    if sinfo -h -o %T 2>/dev/null | grep -qx idle; then
      echo "slurm: node $host idle; export SLURM_CONF=$conf"
      return 0
    fi
    sleep 0.2
  done
  echo "error: the local SLURM did not come up within 30 s; logs in $state/log" >&2
  tail -n 20 "$state"/log/*.log >&2 || true
  exit 1
}

stop() {
  local files=("$state/slurmd.pid" "$state/slurmctld.pid")
  [ -s "$state/started-munged" ] && files+=("$(cat "$state/started-munged")")
  for file in "${files[@]}"; do
    local pid
    pid=$(pid_of "$file" || true)
    if alive "$pid"; then
      kill "$pid"
      for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
      alive "$pid" && kill -9 "$pid"
      echo "stopped $(basename "$file" .pid) (pid $pid)"
    fi
  done
  rm -f "$state/started-munged"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
