"""ID numbers and phone numbers encrypted at rest (issue 20, item 6): a digest column
beside each for exact lookups; existing rows are encrypted (backward: decrypted)."""

import fazhi.core.cryptofield
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0008_body_public_address"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="party_id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="party_id_number"),
        ),
        migrations.AddField(
            model_name="case",
            name="party_phone_digest",
            field=fazhi.core.cryptofield.DigestField(source="party_phone"),
        ),
        migrations.AlterField(
            model_name="case",
            name="party_id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="身份证号码"
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="party_phone",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=30, verbose_name="联系电话"
            ),
        ),
        fazhi.core.cryptofield.encrypt_existing(
            {"enforcement.Case": ["party_id_number", "party_phone"]}
        ),
    ]
