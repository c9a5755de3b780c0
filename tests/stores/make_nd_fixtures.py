#!/usr/bin/python3
"""Writes the N-D activation-store fixtures in tests/stores/fixtures/nd/.

Run with Debian's python (numpy + h5py): /usr/bin/python3 tests/stores/make_nd_fixtures.py
One logical store with arrays of more than two dimensions, as people save images and conv feature
maps: N = 5 samples, x (5, 2, 3), labels y, epochs [1, 4], layers ["conv", "dense"] with conv
(E, N, 2, 2, 3) in float32 and dense (E, N, 4) in float64. flat.npz holds the same numbers with
every sample flattened in C order (x (5, 6), conv (E, N, 12)), the copy the test compares each N-D
form with. Values are multiples of 1/8, exact in float32.
"""
import os
import shutil

import numpy as np
import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "nd")

N, EPOCHS = 5, [1, 4]
rng = np.random.default_rng(7)
X = rng.integers(-8, 9, size=(N, 2, 3)) / 8.0
Y = np.array([0, 1, 1, 0, 2], dtype=np.int64)
CONV = (rng.integers(-16, 17, size=(len(EPOCHS), N, 2, 2, 3)) / 8.0).astype(np.float32)
DENSE = rng.integers(-16, 17, size=(len(EPOCHS), N, 4)) / 8.0
LAYERS = np.array(["conv", "dense"])


def path(name):
    return os.path.join(OUT, name)


def stacked(x=X, conv=CONV):
    return {"x": x, "y": Y, "epochs": np.array(EPOCHS), "layers": LAYERS, "act/conv": conv, "act/dense": DENSE}


def write_folder(folder, arrays):
    for name, value in arrays.items():
        target = os.path.join(path(folder), name + ".npy")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        np.save(target, value)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    np.savez(path("flat.npz"), **stacked(X.reshape(N, -1), CONV.reshape(len(EPOCHS), N, -1)))
    np.savez(path("stacked.npz"), **stacked())
    # Per-epoch members (N, 2, 2, 3), compressed; no `epochs`: the member names give them.
    per_epoch = {"x": X, "y": Y, "layers": LAYERS}
    for i, e in enumerate(EPOCHS):
        per_epoch["act/conv/%d" % e] = CONV[i]
        per_epoch["act/dense/%d" % e] = DENSE[i]
    np.savez_compressed(path("per_epoch_compressed.npz"), **per_epoch)
    # Fortran order of every N-D array: np.save writes it as such ('fortran_order': True).
    write_folder("fortran_folder", stacked(np.asfortranarray(X), np.asfortranarray(CONV)))
    with h5py.File(path("stacked.h5"), "w") as f:
        for name, value in stacked().items():
            if name == "layers":
                f[name] = value.astype("S")
            elif name == "act/conv":
                f.create_dataset(name, data=value, chunks=(1, N, 1, 2, 3), compression="gzip")
            else:
                f[name] = value
    # One epoch given as (N, 2, 2, 3), without an epoch axis and without `epochs`.
    np.savez(path("single_epoch.npz"), x=X, y=Y, **{"act/conv": CONV[1]})
    np.savez(path("single_epoch_flat.npz"), x=X.reshape(N, -1), y=Y, **{"act/conv": CONV[1].reshape(N, -1)})
    for name in sorted(os.listdir(OUT)):
        print(name)


if __name__ == "__main__":
    main()
