// Copy buttons for code blocks. The build writes each block with a header
// that names its language (see internal/dialect/codeblock.go); this adds a
// "Copy" button to the header, so without JavaScript no button shows that
// could not work. The button copies the code as it reads (console prompts
// are drawn by CSS and are not part of it) and says "Copied" on itself and
// in a polite live region for screen readers. Its words come from the
// block's data-copy / data-copied / data-copy-failed attributes (the
// page's language).

let status: HTMLElement | null = null;

function liveRegion(): HTMLElement {
  if (!status) {
    status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.dataset.codeStatus = "";
    document.body.appendChild(status);
  }
  return status;
}

function announce(text: string): void {
  const region = liveRegion();
  // Clearing first makes the same words ("Copied") be announced again.
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

// codeText is the code as a reader sees it, without the block's last
// newline.
export function codeText(block: Element): string {
  const code = block.querySelector("pre code") ?? block.querySelector("pre");
  return (code?.textContent ?? "").replace(/\n$/, "");
}

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Pages served over plain HTTP have no clipboard API.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "visually-hidden";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

function addButton(block: HTMLElement): void {
  const header = block.querySelector(".code-header");
  if (!header || header.querySelector(".code-copy")) return;
  const words = {
    copy: block.dataset.copy || "Copy",
    copied: block.dataset.copied || "Copied",
    failed: block.dataset.copyFailed || "Copy failed",
  };
  const button = document.createElement("button");
  button.type = "button";
  button.className = "code-copy";
  button.textContent = words.copy;
  let timer = 0;
  button.addEventListener("click", () => {
    writeClipboard(codeText(block)).then(
      () => {
        button.textContent = words.copied;
        announce(words.copied);
      },
      () => {
        button.textContent = words.failed;
        announce(words.failed);
      },
    );
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      button.textContent = words.copy;
    }, 2000);
  });
  header.appendChild(button);
}

export function initCodeBlocks(root: ParentNode): void {
  const blocks = root.querySelectorAll<HTMLElement>(".code-block");
  if (blocks.length === 0) return;
  liveRegion(); // in the page before anything is announced in it
  blocks.forEach(addButton);
}
