// The comms the kernel knows of (Jupyter's comm_open, comm_msg, comm_close):
// those the language's code opened or accepted, and the targets it registered,
// so that comm_info_request can list them and a frontend's comm_open to an
// unknown target is closed (as ipykernel does).
export class Comms {
  private readonly targets = new Set<string>();
  private readonly open = new Map<string, string>(); // comm_id → target_name

  addTarget(name: string): void {
    this.targets.add(name);
  }

  hasTarget(name: string): boolean {
    return this.targets.has(name);
  }

  opened(commId: string, targetName: string): void {
    this.open.set(commId, targetName);
  }

  isOpen(commId: string): boolean {
    return this.open.has(commId);
  }

  closed(commId: string): void {
    this.open.delete(commId);
  }

  // comm_info_reply's comms, of one target or all.
  info(targetName?: string): Record<string, { target_name: string }> {
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, target] of this.open) if (targetName === undefined || target === targetName) comms[id] = { target_name: target };
    return comms;
  }
}
