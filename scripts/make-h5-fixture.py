#!/usr/bin/env python3
"""Writes tests/fixtures/reference-surface.h5: a small surface file in the key layout of Li et al.'s
loss-landscape tool (github.com/tomgoldstein/loss-landscape), made the way its plot_surface.py
makes one, so the explorer's importer is tested against that layout, not against our own writer.

What the tool does, and this script repeats (with a closed-form "loss" instead of a network):
  - xcoordinates = np.linspace(xmin, xmax, xnum), ycoordinates likewise (float64);
  - train_loss / train_acc (and test_loss / test_acc) start as -np.ones((len(x), len(y)));
  - every grid point's value goes to losses.ravel()[ind], with the coordinates of ind taken from
    np.meshgrid(xcoordinates, ycoordinates).ravel() (scheduler.get_unplotted_indices), so the flat
    index j*nx + i holds the value at (x[i], y[j]);
  - accuracies are in percent (evaluation.py: 100 * correct / total);
  - dir_file is a string: the name of the direction file.
One point of test_loss and test_acc is left at -1 (a run the tool had not finished).

The values: train_loss(x, y) = 0.5 + x^2 + 3 y^2 + 0.25 x y, train_acc = 100 - 10 * train_loss,
test_loss = 1.1 * train_loss, test_acc = train_acc - 5. The unit test recomputes them.

Run:  apt-get install -y python3-h5py   (Debian's h5py and numpy)
      /usr/bin/python3 scripts/make-h5-fixture.py
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'tests', 'fixtures', 'reference-surface.h5')


def train_loss(x, y):
    return 0.5 + x * x + 3 * y * y + 0.25 * x * y


def main():
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    xcoordinates = np.linspace(-1.0, 1.0, num=9)
    ycoordinates = np.linspace(-0.5, 1.5, num=9)
    shape = (len(xcoordinates), len(ycoordinates))
    grids = {key: -np.ones(shape=shape) for key in ('train_loss', 'train_acc', 'test_loss', 'test_acc')}
    xmesh, ymesh = np.meshgrid(xcoordinates, ycoordinates)
    coords = np.c_[xmesh.ravel(), ymesh.ravel()]
    for ind, (x, y) in enumerate(coords):
        loss = train_loss(x, y)
        grids['train_loss'].ravel()[ind] = loss
        grids['train_acc'].ravel()[ind] = 100.0 - 10.0 * loss
        if ind == 5:  # not computed yet: the tool's -1 stays
            continue
        grids['test_loss'].ravel()[ind] = 1.1 * loss
        grids['test_acc'].ravel()[ind] = 100.0 - 10.0 * loss - 5.0
    with h5py.File(OUT, 'w') as f:
        f['dir_file'] = 'model_300.t7_weights_xignore=biasbn_xnorm=filter_yignore=biasbn_ynorm=filter.h5'
        f['xcoordinates'] = xcoordinates
        f['ycoordinates'] = ycoordinates
        for key, grid in grids.items():
            f[key] = grid
    print('wrote', os.path.relpath(OUT))


if __name__ == '__main__':
    main()
