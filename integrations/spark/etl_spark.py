#!/usr/bin/env python3
"""Run `etl convert` on Apache Spark: one task per input file.

    spark-submit etl_spark.py --etl PATH/TO/etl [--overwrite] --output OUT_DIR \
        [etl convert options] INPUT...

gzip cannot be split, so the unit of work is a whole input file. The driver lists the inputs
(paths, folders or globs, through Spark's Hadoop file system, so HDFS, S3 and local paths all
work), ships the `etl` binary with `SparkContext.addFile`, and runs one task per file. Each task
runs `etl convert` on its file into `OUT_DIR/part-<n>-<input name>`, with its own rejects file
(`OUT_DIR/_rejects/part-<n>.ndjson.gz`) and report (`OUT_DIR/_reports/part-<n>.json`). The
driver merges the reports into `OUT_DIR/_report.json` and writes `OUT_DIR/_SUCCESS` only when
every file converted with status 0 or 3. The script's exit status is etl's: 0, 3 (some
records rejected), 65 (an input fault), 64 (usage), 1 (anything else).

Only the Python standard library runs in the tasks. An input that is not on a local file
system is copied to the task's scratch folder first with `hadoop fs` (when the executor has
it) or pyarrow; the same goes for publishing into a non-local OUT_DIR.
"""

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlparse

USAGE = """usage: spark-submit etl_spark.py --etl PATH --output OUT_DIR [--overwrite] [etl convert options] INPUT...

  --etl PATH        the etl binary to ship to the executors (local, HDFS, S3, ... path)
  --output OUT_DIR  folder of the results: part-<n>-<input name>, _rejects/, _reports/,
                    _report.json and _SUCCESS; must be absent or empty unless --overwrite
  --overwrite       replace the results of an earlier run in OUT_DIR (_SUCCESS goes first)
  INPUT...          files, folders (their files not starting with _ or .) or globs

Every other option is passed to `etl convert` (--from, --to, --strict, --gzip-level, ...);
-o, --rejects and --report are set by the job for each part."""

# etl convert's options, so that an option's value is not taken for an input.
VALUE_OPTIONS = {
    "--from", "--to", "--input-container", "--container", "--output-container",
    "--gzip-level", "--amplitude-shape", "--max-rejects", "--default-region",
    "--array-limit", "--max-object-bytes", "--batch-size", "--max-record-bytes",
}
FLAG_OPTIONS = {"--gzip", "--no-gzip", "--strict", "-q", "--quiet"}
# Set by the job for every part.
RESERVED_OPTIONS = {"-o", "--rejects", "--report"}

# Status codes, as etl's.
OK, REJECTS, USAGE_ERROR, INPUT_FAULT, FAILURE = 0, 3, 64, 65, 1

# Task failures raised (so that Spark retries them) carry this marker; the driver finds the
# message after it in Spark's exception text.
FAILURE_MARKER = "ETL_SPARK_TASK_FAILED: "

# Most distinct names kept per count table, as in a single run's report.
MAX_NAMES = 1000
OTHER = "(other)"


class JobError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


# ---------------------------------------------------------------------------------------------
# Arguments


class Arguments:
    def __init__(self):
        self.etl = None
        self.output = None
        self.overwrite = False
        self.etl_args = []
        self.inputs = []


def parse_arguments(argv):
    args = Arguments()
    i = 0
    only_inputs = False
    while i < len(argv):
        token = argv[i]
        i += 1
        if only_inputs or not token.startswith("-") or token == "-":
            if token == "-":
                raise JobError(USAGE_ERROR, "standard input cannot be read by Spark tasks: give files")
            args.inputs.append(token)
            continue
        if token == "--":
            only_inputs = True
            continue
        if token in ("-h", "--help"):
            print(USAGE)
            sys.exit(OK)
        name, has_value, value = token.partition("=")
        if name in ("--etl", "--output"):
            if not has_value:
                if i >= len(argv):
                    raise JobError(USAGE_ERROR, f"{name} needs a value")
                value = argv[i]
                i += 1
            setattr(args, name[2:], value)
        elif name == "--overwrite" and not has_value:
            args.overwrite = True
        elif name in RESERVED_OPTIONS:
            raise JobError(USAGE_ERROR, f"{name} is set by the job for each part; see --output")
        elif name in VALUE_OPTIONS:
            args.etl_args.append(token)
            if not has_value:
                if i >= len(argv):
                    raise JobError(USAGE_ERROR, f"{name} needs a value")
                args.etl_args.append(argv[i])
                i += 1
        elif name in FLAG_OPTIONS and not has_value:
            args.etl_args.append(token)
        else:
            raise JobError(USAGE_ERROR, f"unknown option {token} (etl_spark.py --help)")
    if not args.etl:
        raise JobError(USAGE_ERROR, "--etl PATH (the etl binary to ship) is required")
    if not args.output:
        raise JobError(USAGE_ERROR, "--output OUT_DIR is required")
    if not args.inputs:
        raise JobError(USAGE_ERROR, "no INPUT given")
    if not any(a == "--to" or a.startswith("--to=") for a in args.etl_args):
        raise JobError(USAGE_ERROR, "--to FORMAT is required")
    return args


# ---------------------------------------------------------------------------------------------
# Paths, in the driver and in the tasks


def local_path(uri):
    """The local file system path of a URI, or None when it is not on a local file system.

    Databricks mounts DBFS at /dbfs and Unity Catalog volumes at /Volumes on every node, so
    those are read in place rather than copied."""
    parsed = urlparse(uri)
    if parsed.scheme in ("", "file"):
        return parsed.path
    if parsed.scheme == "dbfs":
        if parsed.path.startswith("/Volumes/") and os.path.isdir("/Volumes"):
            return parsed.path
        if os.path.isdir("/dbfs"):
            return "/dbfs" + parsed.path
    return None


def shown(uri):
    """A local URI as the plain path a user types (`/data/x`, not `file:/data/x`)."""
    return urlparse(uri).path if urlparse(uri).scheme == "file" else uri


def join(uri, *names):
    return "/".join([uri.rstrip("/")] + list(names))


def part_name(index, input_name):
    return "part-%05d-%s" % (index, input_name)


def rejects_name(index):
    return "_rejects/part-%05d.ndjson.gz" % index


def report_name(index):
    return "_reports/part-%05d.json" % index


class DriverFileSystem:
    """The output folder, seen from the driver: Python's os for a local folder (Hadoop's local
    file system would leave .crc files beside every file), Hadoop's FileSystem otherwise."""

    def __init__(self, sc, uri):
        self.sc = sc
        jvm = sc._jvm
        self.conf = sc._jsc.hadoopConfiguration()
        path = jvm.org.apache.hadoop.fs.Path(uri)
        self.fs = path.getFileSystem(self.conf)
        self.uri = self.fs.makeQualified(path).toString()
        self.local = local_path(self.uri)

    def _path(self, name):
        return self.sc._jvm.org.apache.hadoop.fs.Path(join(self.uri, name))

    def entries(self):
        if self.local is not None:
            return sorted(os.listdir(self.local)) if os.path.isdir(self.local) else []
        root = self._path("")
        if not self.fs.exists(root):
            return []
        return sorted(s.getPath().getName() for s in self.fs.listStatus(root))

    def delete(self, name):
        if self.local is not None:
            path = os.path.join(self.local, name)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            elif os.path.lexists(path):
                os.remove(path)
        else:
            self.fs.delete(self._path(name), True)

    def make_folders(self):
        for sub in ("", "_rejects", "_reports", "_temporary"):
            if self.local is not None:
                os.makedirs(os.path.join(self.local, sub), exist_ok=True)
            else:
                self.fs.mkdirs(self._path(sub))

    def publish(self, name, data):
        """Writes a small file under a temporary name, then renames it into place."""
        temporary = ".%s.etl-spark-tmp-%d" % (name, os.getpid())
        if self.local is not None:
            path = os.path.join(self.local, temporary)
            with open(path, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(path, os.path.join(self.local, name))
            return
        stream = self.fs.create(self._path(temporary), True)
        try:
            stream.write(bytearray(data))
        finally:
            stream.close()
        self.fs.delete(self._path(name), False)
        if not self.fs.rename(self._path(temporary), self._path(name)):
            raise JobError(FAILURE, f"could not rename {temporary} to {name} in {self.uri}")


def list_inputs(sc, patterns, out_uri):
    """(uri, name, size) of every input file, sorted by URI, each once."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    Path = jvm.org.apache.hadoop.fs.Path
    found = {}
    for pattern in patterns:
        path = Path(pattern)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if statuses is None or len(statuses) == 0:
            raise JobError(INPUT_FAULT, f"{pattern}: no such file")
        for status in statuses:
            if status.isDirectory():
                children = [c for c in fs.listStatus(status.getPath()) if not c.isDirectory()
                            and not c.getPath().getName().startswith(("_", "."))]
                if not children:
                    raise JobError(INPUT_FAULT, f"{pattern}: folder holds no input file")
            else:
                children = [status]
            for child in children:
                uri = child.getPath().toString()
                found[uri] = (uri, child.getPath().getName(), child.getLen())
    for uri in found:
        if uri.startswith(out_uri.rstrip("/") + "/"):
            raise JobError(USAGE_ERROR, f"{uri}: an input inside OUT_DIR would be overwritten")
    return [found[uri] for uri in sorted(found)]


# ---------------------------------------------------------------------------------------------
# Copies to and from file systems that are not local, in the tasks


def _pyarrow_filesystem(uri):
    try:
        from pyarrow import fs
    except ImportError:
        return None
    # pyarrow spells Hadoop's s3a:// and s3n:// as s3://.
    parsed = urlparse(uri)
    if parsed.scheme in ("s3a", "s3n"):
        uri = "s3" + uri[len(parsed.scheme):]
    return fs.FileSystem.from_uri(uri)


def fetch(uri, destination):
    if shutil.which("hadoop"):
        subprocess.run(["hadoop", "fs", "-copyToLocal", "-f", uri, destination],
                       check=True, capture_output=True)
        return
    found = _pyarrow_filesystem(uri)
    if found is None:
        raise RuntimeError(f"{uri}: not on a local file system, and the executor has neither "
                           "the `hadoop` command nor pyarrow to copy it")
    filesystem, path = found
    # compression=None: pyarrow would otherwise inflate a .gz file on the way.
    with filesystem.open_input_stream(path, compression=None) as source, open(destination, "wb") as target:
        shutil.copyfileobj(source, target, 1 << 20)


def put(source, uri, temporary_uri):
    """Copies a local file to `temporary_uri`, then renames it to `uri`."""
    if shutil.which("hadoop"):
        subprocess.run(["hadoop", "fs", "-put", "-f", source, temporary_uri], check=True, capture_output=True)
        subprocess.run(["hadoop", "fs", "-rm", "-f", uri], check=True, capture_output=True)
        subprocess.run(["hadoop", "fs", "-mv", temporary_uri, uri], check=True, capture_output=True)
        return
    found = _pyarrow_filesystem(uri)
    if found is None:
        raise RuntimeError(f"{uri}: OUT_DIR is not on a local file system, and the executor has "
                           "neither the `hadoop` command nor pyarrow to write to it")
    filesystem, path = found
    _, temporary_path = _pyarrow_filesystem(temporary_uri)
    with open(source, "rb") as f, filesystem.open_output_stream(temporary_path, compression=None) as target:
        shutil.copyfileobj(f, target, 1 << 20)
    filesystem.move(temporary_path, path)


# ---------------------------------------------------------------------------------------------
# One task: one input file


def make_task(etl_name, etl_args, out_uri):
    def task(item):
        from pyspark import TaskContext

        index, uri, name, _size = item
        context = TaskContext.get()
        attempt = "attempt-%d" % context.taskAttemptId()
        out_local = local_path(out_uri)
        if out_local is not None:
            # Beside the results, so that publishing is a rename on one file system.
            work = os.path.join(out_local, "_temporary", attempt)
            os.makedirs(work)
        else:
            work = tempfile.mkdtemp(prefix="etl-%s-" % attempt)
        try:
            return convert(index, uri, name, work, out_uri, out_local, attempt)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def convert(index, uri, name, work, out_uri, out_local, attempt):
        from pyspark import SparkFiles

        etl = SparkFiles.get(etl_name)
        mode = os.stat(etl).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(etl, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        argument = local_path(uri)
        if argument is None:
            # The copy sits at the URI read as a path relative to the scratch folder
            # ("hdfs://nn/d/x.gz" is the folder "hdfs:", then "nn/d/x.gz", since POSIX reads
            # "//" as "/"), and etl runs in that folder with the URI as its argument: the
            # rejects and the report name the file as the user gave it, and a retried task
            # writes the same bytes whichever scratch folder it had.
            if ".." in uri.split("/"):
                raise RuntimeError(f"{uri}: a path with '..' cannot be copied")
            argument = uri
            os.makedirs(os.path.dirname(os.path.join(work, uri)), exist_ok=True)
            fetch(uri, os.path.join(work, uri))
        part, rejects, report = part_name(index, name), rejects_name(index), report_name(index)
        os.makedirs(os.path.join(work, "_rejects"))
        os.makedirs(os.path.join(work, "_reports"))
        command = [etl, "convert", argument] + etl_args + ["-o", part, "--rejects", rejects, "--report", report]
        started = time.time()
        finished = subprocess.run(command, cwd=work, capture_output=True)
        seconds = time.time() - started
        stderr = finished.stderr.decode("utf-8", "replace")
        status = finished.returncode
        report_text = None
        if os.path.exists(os.path.join(work, report)):
            with open(os.path.join(work, report), "rb") as f:
                report_text = f.read().decode("utf-8")
        message = _failure_message(status, stderr, report_text)
        if status not in (OK, REJECTS, INPUT_FAULT, USAGE_ERROR):
            # Status 1 (an output could not be written, ...) or a signal may be this machine's
            # doing: raise, so that Spark runs the task again, elsewhere if it can.
            raise RuntimeError(f"{FAILURE_MARKER}{shown(uri)}: {message}")
        # Status 64 and 65 come from the input and the options: running the task again would
        # give the same. The report and rejects are published (they say why), the part is not.
        names = [rejects, report] + ([part] if status in (OK, REJECTS) else [])
        for published in names:
            source = os.path.join(work, published)
            if not os.path.exists(source):
                continue
            if out_local is not None:
                # Same bytes from every attempt (etl's output is deterministic), so a
                # speculative twin replacing this file changes nothing but the report's clock.
                os.replace(source, os.path.join(out_local, published))
            else:
                put(source, join(out_uri, published), join(out_uri, "_temporary", attempt, published.replace("/", "_")))
        return {
            "index": index, "input": uri, "part": part if status in (OK, REJECTS) else None,
            "rejects": rejects, "report_file": report, "exit_status": status,
            "message": message if status not in (OK, REJECTS) else None,
            "report": report_text, "task_seconds": round(seconds, 3),
        }

    return task


def _failure_message(status, stderr, report_text):
    if status in (OK, REJECTS):
        return None
    fault = None
    if report_text:
        try:
            fault = json.loads(report_text).get("fault")
        except ValueError:
            fault = None
    if not fault:
        lines = [line for line in stderr.splitlines() if line.strip()]
        fault = lines[-1] if lines else "no message"
    what = "killed by signal %d" % -status if status < 0 else "status %d" % status
    return f"etl convert ended with {what}: {fault}"


# ---------------------------------------------------------------------------------------------
# The merged report


def _add_counts(total, counts, cap=True):
    for key, value in counts.items():
        if key in total or not cap or len(total) < MAX_NAMES:
            total[key] = total.get(key, 0) + value
        else:
            total[OTHER] = total.get(OTHER, 0) + value


def _sorted(table):
    return {key: table[key] for key in sorted(table)}


def merge_reports(results, out_uri, seconds):
    """One report with a single run's fields: sums, every input, and one entry a part."""
    reports = [json.loads(r["report"]) if r["report"] else None for r in results]
    records = {"read": 0, "written": 0, "rejected": 0}
    rejected, warnings, normalised, fields, unmapped = {}, {}, {}, {}, {}
    inputs, parts, problems = [], [], []
    values = output_bytes = bytes_in = 0
    froms, tos, detected = set(), set(), True
    for result, report in zip(results, reports):
        part = {"input": shown(result["input"]), "part": result["part"], "rejects": result["rejects"],
                "report": result["report_file"], "exit_status": result["exit_status"],
                "seconds": result["task_seconds"]}
        if result["message"]:
            part["fault"] = result["message"]
        parts.append(part)
        if report is None:
            problems.append(f"{shown(result['input'])}: no report")
            continue
        for key in records:
            records[key] += report["records"][key]
        if report["records"]["read"] != report["records"]["written"] + report["records"]["rejected"] \
                or not report["accounting_ok"]:
            problems.append(f"{shown(result['input'])}: read != written + rejected")
        _add_counts(rejected, report["rejected"], cap=False)
        for code, table in report["warnings"].items():
            _add_counts(warnings.setdefault(code, {}), table)
        _add_counts(normalised, report["normalised"])
        for field, counts in report["fields"].items():
            total = fields.setdefault(field, {})
            _add_counts(total, counts, cap=False)
        _add_counts(unmapped, report["unmapped"])
        inputs.extend(report["inputs"])
        if "output" in report:
            values += report["output"]["values"]
            output_bytes += report["output"]["bytes"]
        bytes_in += report["bytes_in"]
        # As in a single run: the format every input that has one agrees on (an empty input
        # has none).
        if report["from"] is not None:
            froms.add(report["from"])
        tos.add(report["to"])
        detected = detected and report["from_detected"]
    # Accounting, checked again across the parts.
    if records["read"] != records["written"] + records["rejected"]:
        problems.append("the sums do not add up: read != written + rejected")
    if sum(rejected.values()) != records["rejected"]:
        problems.append("rejects by code do not add up to the rejected records")
    if sum(i["records"] for i in inputs) != records["read"]:
        problems.append("the inputs' records do not add up to the records read")
    failed = [r for r in results if r["exit_status"] not in (OK, REJECTS)]
    if failed:
        status = INPUT_FAULT if any(r["exit_status"] == INPUT_FAULT for r in failed) else \
            max(r["exit_status"] for r in failed)
        fault = "; ".join(f"{shown(r['input'])}: {r['message']}" for r in failed)
    elif problems:
        status, fault = FAILURE, "accounting: " + "; ".join(problems)
    else:
        status = REJECTS if records["rejected"] > 0 else OK
        fault = None
    merged = {"command": "convert", "exit_status": status}
    if fault:
        merged["fault"] = fault
    merged.update({
        "from": froms.pop() if len(froms) == 1 else None,
        "from_detected": detected,
        "to": tos.pop() if len(tos) == 1 else None,
        "records": records,
        "accounting_ok": not problems,
        "rejected": _sorted(rejected),
        "warnings": {code: _sorted(warnings[code]) for code in sorted(warnings)},
        "normalised": _sorted(normalised),
        "fields": fields,
        "unmapped": _sorted(unmapped),
        "inputs": inputs,
        "output": {"path": shown(out_uri), "values": values, "bytes": output_bytes},
        "rejects_file": shown(join(out_uri, "_rejects")),
        "bytes_in": bytes_in,
        "seconds": round(seconds, 3),
        "parts": parts,
    })
    return merged


# ---------------------------------------------------------------------------------------------
# The driver


def _task_failure(error):
    """The message a task raised, out of Spark's exception text."""
    text = str(error)
    for line in text.splitlines():
        at = line.find(FAILURE_MARKER)
        if at >= 0:
            return line[at + len(FAILURE_MARKER):].strip()
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[0] if lines else repr(error)


def run_job(sc, args):
    started = time.time()
    out = DriverFileSystem(sc, args.output)
    # Inputs first: a job that finds nothing to do leaves an earlier run in place.
    files = list_inputs(sc, args.inputs, out.uri)
    existing = out.entries()
    if existing:
        if not args.overwrite:
            raise JobError(USAGE_ERROR, f"{shown(out.uri)} is not empty (give --overwrite to replace an earlier run)")
        # _SUCCESS first: from now on the folder no longer claims to hold a finished run.
        ours = [e for e in existing if e.startswith("part-") or e in (
            "_SUCCESS", "_report.json", "_rejects", "_reports", "_temporary")]
        for name in sorted(ours, key=lambda e: e != "_SUCCESS"):
            out.delete(name)
    out.make_folders()
    sc.addFile(args.etl)
    items = [(index, uri, name, size) for index, (uri, name, size) in enumerate(files)]
    # Largest first, so that a big file does not start last and hold up the end of the job.
    ordered = sorted(items, key=lambda item: (-item[3], item[0]))
    task = make_task(os.path.basename(urlparse(args.etl).path), args.etl_args, out.uri)
    try:
        results = sc.parallelize(ordered, len(ordered)).map(task).collect()
    except Exception as error:  # a task failed more than spark.task.maxFailures times
        message = _task_failure(error)
        report = {"command": "convert", "exit_status": FAILURE, "fault": message,
                  "inputs": [uri for uri, _, _ in files], "seconds": round(time.time() - started, 3)}
        out.publish("_report.json", (json.dumps(report, indent=2) + "\n").encode())
        raise JobError(FAILURE, message)
    results.sort(key=lambda r: r["index"])
    merged = merge_reports(results, out.uri, time.time() - started)
    out.publish("_report.json", (json.dumps(merged, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    # Attempts killed before they cleaned up leave their folders here.
    out.delete("_temporary")
    if merged["exit_status"] in (OK, REJECTS):
        out.publish("_SUCCESS", b"")
    return merged


def main(argv):
    try:
        args = parse_arguments(argv)
    except JobError as error:
        sys.stderr.write(f"etl_spark: {error.message}\n")
        return error.status
    from pyspark import SparkConf, SparkContext

    # On Databricks the context exists already and belongs to the cluster: never stop it.
    ours = SparkContext._active_spark_context is None
    sc = SparkContext.getOrCreate(SparkConf().setAppName("etl convert"))
    try:
        merged = run_job(sc, args)
    except JobError as error:
        sys.stderr.write(f"etl_spark: {error.message}\n")
        return error.status
    finally:
        if ours:
            sc.stop()
    records = merged["records"]
    sys.stderr.write("etl_spark: %d file(s), %d read, %d written, %d rejected in %.2f s; report %s\n" % (
        len(merged["parts"]), records["read"], records["written"], records["rejected"],
        merged["seconds"], join(merged["output"]["path"], "_report.json")))
    if merged["exit_status"] not in (OK, REJECTS):
        sys.stderr.write(f"etl_spark: failed, no _SUCCESS: {merged['fault']}\n")
    return merged["exit_status"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
