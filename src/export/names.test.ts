import { describe, expect, it } from 'vitest';
import { exportFileName, fileNamePart } from './names';

describe('download names', () => {
  it('keeps letters, digits, - and _ only', () => {
    expect(fileNamePart('MLP 2-16-16-1 (tanh)')).toBe('MLP-2-16-16-1-tanh');
    expect(fileNamePart('../../etc/passwd')).toBe('etc-passwd');
    expect(fileNamePart('   ')).toBe('experiment');
    expect(fileNamePart('x'.repeat(80))).toHaveLength(40);
  });

  it('names the problem, the step and what is exported', () => {
    expect(exportFileName('rosenbrock', 500, '3d', 'png')).toBe(
      'loss-landscape_rosenbrock_step-500_3d.png',
    );
    expect(exportFileName('mlp', 12.7, 'grid', 'csv')).toBe('loss-landscape_mlp_step-12_grid.csv');
  });
});
