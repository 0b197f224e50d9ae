// A "Copy" button beside a text a worker sends back: copies the text of the element
// named by data-copy, and says so in the button's status line.
for (const button of document.querySelectorAll("[data-copy]")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copyStatus);
    try {
      await navigator.clipboard.writeText(source.value ?? source.textContent);
      if (status) status.textContent = button.dataset.copied;
    } catch {
      source.select?.();
      if (status) status.textContent = button.dataset.copyFailed;
    }
  });
}
