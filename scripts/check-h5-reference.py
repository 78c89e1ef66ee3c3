#!/usr/bin/env python3
"""Checks that a surface file the explorer wrote (`npm run cli -- … --hdf5 FILE`, or the app's
"Export / open → Surface (HDF5)") reads the way Li et al.'s loss-landscape tool reads surface,
direction and projection files, and prints what those readers see.

  /usr/bin/python3 scripts/check-h5-reference.py surface.h5 [--tool-dir DIR]

The reads repeated here (from the tool's plot_2D.py, h52vtp.py, net_plotter.py/h5_util.py and
plot_2D.plot_contour_trajectory): xcoordinates and ycoordinates as 1-D arrays, np.meshgrid(x, y)
of the same shape as each surface key (train_loss, train_acc, test_loss, test_acc), the direction
groups xdirection/ydirection as datasets "0", "1", …, and proj_xcoord/proj_ycoord.

With --tool-dir (a checkout of github.com/tomgoldstein/loss-landscape; needs matplotlib, seaborn
and scipy) it also runs the tool's own plot_2D.plot_2d_contour on the file, which writes its
PDFs beside the file. Needs Debian's python3-h5py (apt-get install -y python3-h5py).
"""
import argparse
import sys

import h5py
import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('file')
    parser.add_argument('--tool-dir', default=None)
    args = parser.parse_args()
    with h5py.File(args.file, 'r') as f:
        x = np.array(f['xcoordinates'][:])
        y = np.array(f['ycoordinates'][:])
        X, Y = np.meshgrid(x, y)
        print('keys:', sorted(f.keys()))
        print('xcoordinates', x.dtype, x.shape, 'ycoordinates', y.dtype, y.shape)
        for key in ('train_loss', 'train_acc', 'test_loss', 'test_acc'):
            if key in f.keys():
                Z = np.array(f[key][:])
                assert Z.shape == X.shape, (key, Z.shape, X.shape)
                print(f'{key}: {Z.dtype} {Z.shape}, min {np.nanmin(Z):.6g}, max {np.nanmax(Z):.6g}, '
                      f'Z[0, 0] at (x[0], y[0]) = {Z[0, 0]:.6g}, Z[0, 1] at (x[1], y[0]) = {Z[0, 1]:.6g}')
        if 'xdirection' in f.keys():
            grp = f['xdirection']
            tensors = [grp[str(i)] for i in range(len(grp))]
            print('xdirection:', [t.shape for t in tensors], 'P =', sum(t.size for t in tensors))
        if 'proj_xcoord' in f.keys():
            print('proj_xcoord:', f['proj_xcoord'].shape, 'proj_ycoord:', f['proj_ycoord'].shape)
        print('dir_file:', f['dir_file'][()])
    if args.tool_dir:
        sys.path.insert(0, args.tool_dir)
        import matplotlib
        matplotlib.use('Agg')
        import plot_2D  # the tool's own module
        plot_2D.plot_2d_contour(args.file, 'train_loss', 0.1, 10, 0.5, False)
        print('plot_2D.plot_2d_contour wrote', args.file + '_train_loss_2dcontour.pdf')
    print('ok')


if __name__ == '__main__':
    main()
