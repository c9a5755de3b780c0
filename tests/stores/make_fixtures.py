#!/usr/bin/python3
"""Writes the activation-store fixtures in tests/stores/fixtures/.

Run with Debian's python (numpy + h5py): /usr/bin/python3 tests/stores/make_fixtures.py
Every good fixture holds the same logical store, so the test can require identical numbers from
every form: N = 6 samples, x (6, 3), labels y, epochs [0, 5, 10], layers in the order
["zeta", "alpha"] (the reverse of name order, so that the order provably comes from the file),
alpha with 4 units stored as float32, zeta with 2 units as float64. Values are multiples of 1/8,
exact in float32. The broken fixtures each carry one defect the reader must name.
"""
import os
import shutil
import zipfile
import io
import json

import numpy as np
import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")

N, D, EPOCHS = 6, 3, [0, 5, 10]
rng = np.random.default_rng(12)
X = rng.integers(-8, 9, size=(N, D)) / 8.0
X[4] = X[1]  # two equal inputs share one symbol
Y = np.array([0, 2, 1, 2, 0, 1], dtype=np.int64)
ONE_HOT = np.eye(3)[Y]
MASK = np.array([True, True, False, True, False, True])
ALPHA = (rng.integers(-16, 17, size=(len(EPOCHS), N, 4)) / 8.0).astype(np.float32)
ZETA = rng.integers(-16, 17, size=(len(EPOCHS), N, 2)) / 8.0
LAYERS = np.array(["zeta", "alpha"])  # numpy's '<U5'


def path(name):
    return os.path.join(OUT, name)


def stacked_arrays():
    return {"x": X, "y": Y, "epochs": np.array(EPOCHS), "layers": LAYERS, "train_mask": MASK,
            "act/alpha": ALPHA, "act/zeta": ZETA}


def per_epoch_arrays():
    # zeta first: without a `layers` array the file's order must give ["zeta", "alpha"].
    arrays = {"x": X, "y": ONE_HOT}
    for name, act in (("zeta", ZETA), ("alpha", ALPHA)):
        for i, e in enumerate(EPOCHS):
            arrays["act/%s/%d" % (name, e)] = act[i]
    return arrays


def write_folder(folder, arrays):
    root = path(folder)
    for name, value in arrays.items():
        target = os.path.join(root, name + ".npy")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        np.save(target, value)


def npy_bytes(value):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.asanyarray(value), allow_pickle=False)
    return buffer.getvalue()


def write_zip(name, members, compression=zipfile.ZIP_STORED):
    """An .npz assembled by hand, for members numpy would not write (truncated ones)."""
    with zipfile.ZipFile(path(name), "w", compression) as z:
        for member, data in members.items():
            z.writestr(member + ".npy", data)


def good():
    np.savez(path("stacked.npz"), **stacked_arrays())
    np.savez_compressed(path("stacked_compressed.npz"), **stacked_arrays())
    np.savez(path("per_epoch.npz"), **per_epoch_arrays())
    np.savez_compressed(path("per_epoch_compressed.npz"), **per_epoch_arrays())

    folder = stacked_arrays()
    folder["x"] = np.asfortranarray(X)  # the folder form also exercises Fortran order
    write_folder("stacked_folder", folder)
    # A folder has no order of its own (files are taken in natural name order): name the layers.
    write_folder("per_epoch_folder", dict(per_epoch_arrays(), layers=LAYERS))

    with h5py.File(path("stacked.h5"), "w") as f:
        f["x"] = X
        f["y"] = Y.astype(np.int32)
        f["epochs"] = np.array(EPOCHS)
        f["layers"] = LAYERS.astype("S")  # h5py has no '<U': fixed-length bytes
        f["train_mask"] = MASK
        f.create_dataset("act/alpha", data=ALPHA, chunks=(1, N, 4), compression="gzip")
        f["act/zeta"] = ZETA
    with h5py.File(path("per_epoch.h5"), "w", track_order=True) as f:
        f["x"] = X
        f["y"] = ONE_HOT
        f.create_dataset("layers", data=list(LAYERS), dtype=h5py.string_dtype())
        act = f.create_group("act", track_order=True)
        for name, values in (("alpha", ALPHA), ("zeta", ZETA)):
            group = act.create_group(name)
            for i, e in enumerate(EPOCHS):
                group[str(e)] = values[i]


def expected():
    """The logical content as JSON: the test checks every form against this text, not against
    another binary reader."""
    content = {"x": X.tolist(), "y": Y.tolist(), "epochs": EPOCHS, "layers": LAYERS.tolist(),
               "train_mask": MASK.tolist(),
               "act": {"alpha": ALPHA.astype(np.float64).tolist(), "zeta": ZETA.tolist()}}
    with open(path("expected.json"), "w") as f:
        json.dump(content, f)


def broken():
    base = stacked_arrays()

    def savez(name, **changes):
        arrays = dict(base)
        for key, value in changes.items():
            if value is None:
                arrays.pop(key)
            else:
                arrays[key] = value
        np.savez(path(name), **arrays)

    savez("missing_y.npz", y=None)
    savez("n_mismatch.npz", **{"act/alpha": ALPHA[:, :5, :]})
    savez("epochs_mismatch.npz", epochs=np.array([0, 5]))
    savez("bad_dtype.npz", **{"act/alpha": ALPHA.astype(np.complex64)})
    savez("unknown_layer.npz", layers=np.array(["zeta", "beta"]))
    savez("object_layers.npz", layers=np.array(["zeta", "alpha"], dtype=object))  # pickled by numpy

    per_epoch = per_epoch_arrays()
    del per_epoch["act/alpha/10"]
    per_epoch["epochs"] = np.array(EPOCHS)
    np.savez(path("missing_epoch.npz"), **per_epoch)

    members = {k: npy_bytes(v) for k, v in base.items()}
    members["act/zeta"] = members["act/zeta"][:-40]  # the header declares 40 bytes more than follow
    write_zip("truncated_member.npz", members)

    whole = open(path("stacked.npz"), "rb").read()
    open(path("corrupt.npz"), "wb").write(whole[: len(whole) // 2])  # central directory cut off

    # Deflated data garbled in the middle of act/alpha: the archive opens, the slice read fails.
    members = {k: npy_bytes(v) for k, v in base.items()}
    write_zip("corrupt_member.npz", members, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(path("corrupt_member.npz")) as z:
        info = z.getinfo("act/alpha.npy")
    data = bytearray(open(path("corrupt_member.npz"), "rb").read())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    data[start:start + 16] = b"\xff" * 16
    open(path("corrupt_member.npz"), "wb").write(bytes(data))

    whole = open(path("stacked.h5"), "rb").read()
    open(path("truncated.h5"), "wb").write(whole[: len(whole) // 2])

    # A slice that claims 48 TB: chunked and never written, so the file stays a few KB.
    with h5py.File(path("huge_slice.h5"), "w") as f:
        f["x"] = X
        f["y"] = Y
        f.create_dataset("act/alpha", shape=(3, N, 10 ** 12), dtype="f8", chunks=(1, N, 1024))


if __name__ == "__main__":
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    good()
    expected()
    broken()
    for name in sorted(os.listdir(OUT)):
        print(name)
